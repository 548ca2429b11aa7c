import { SecretBox } from './secret-box.js';

describe('webhook secrets at rest', () => {
  const box = new SecretBox('a'.repeat(48));
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';

  it('seals with a fresh nonce each time and opens what it sealed', () => {
    const [a, b] = [box.seal(secret), box.seal(secret)];
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(6, 20));
    expect(box.open(a)).toBe(secret);
    expect(box.open(b)).toBe(secret);
  });

  it('refuses a tampered value and a value sealed under another master secret', () => {
    const sealed = box.seal(secret);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64')].join('.'))).toThrow();
    expect(() => new SecretBox('b'.repeat(48)).open(sealed)).toThrow();
  });
});
