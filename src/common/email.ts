import { Transform } from 'class-transformer';

/**
 * The one form in which an email address is stored and compared: Unicode NFC, lower-cased. Without NFC, `café@…` typed
 * with a composed "é" (U+00E9) and with "e" + U+0301 would be two addresses (two accounts). Lower-casing can leave a
 * string that is no longer NFC, hence NFC again after it.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase().normalize('NFC');
}

/** A DTO's email field: trimmed and normalized (`normalizeEmail`) before validation; other values pass on to fail it. */
export const NormalizedEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value));
