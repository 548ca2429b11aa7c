import { Transform } from 'class-transformer';

/** Trims strings (and each string of an array) before validation; other values pass through to fail validation. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  );
