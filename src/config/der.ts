// Just enough ASN.1 DER to write an X.509 certificate and a CMS signature, and to read a certificate's issuer and serial.

const lengthBytes = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};

/** One element: its tag, then the length and contents of the parts put together. */
export const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
};

export const sequence = (...parts: Buffer[]): Buffer => der(0x30, ...parts);
/** A DER SET OF: its elements sorted by their encodings. */
export const setOf = (...parts: Buffer[]): Buffer => der(0x31, ...[...parts].sort(Buffer.compare));
export const contextTag = (n: number, ...parts: Buffer[]): Buffer => der(0xa0 + n, ...parts);
export const octetString = (bytes: Buffer): Buffer => der(0x04, bytes);
export const bitString = (bytes: Buffer): Buffer => der(0x03, Buffer.from([0]), bytes);
export const utf8String = (text: string): Buffer => der(0x0c, Buffer.from(text, 'utf8'));
export const NULL = Buffer.from([0x05, 0x00]);

/** An unsigned big-endian integer (a number only below 128), with a leading zero byte where its top bit is set. */
export const integer = (value: Buffer | number): Buffer => {
  let bytes = typeof value === 'number' ? Buffer.from([value]) : value;
  while (bytes.length > 1 && bytes[0] === 0 && bytes[1] < 0x80) bytes = bytes.subarray(1);
  return der(0x02, bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
};

export const oid = (dotted: string): Buffer => {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
};

/** UTCTime up to 2049, GeneralizedTime after, as X.509 and CMS require. */
export const time = (date: Date): Buffer => {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
};

/** The elements directly inside a constructed element (the whole encodings, tags included). */
export function children(element: Buffer): Buffer[] {
  const header = (at: number): { start: number; end: number } => {
    const first = element[at + 1];
    if (first < 0x80) return { start: at + 2, end: at + 2 + first };
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + element[at + 2 + i];
    const start = at + 2 + (first & 0x7f);
    return { start, end: start + length };
  };
  const outer = header(0);
  const result: Buffer[] = [];
  for (let at = outer.start; at < outer.end;) {
    const { end } = header(at);
    result.push(element.subarray(at, end));
    at = end;
  }
  return result;
}
