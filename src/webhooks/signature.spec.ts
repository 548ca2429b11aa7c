import { createHmac } from 'node:crypto';
import { newSecret, secretKey, sign, signatureHeader } from './signature.js';

describe('webhook signatures (Standard Webhooks)', () => {
  // The example of the Standard Webhooks specification, signed by hand below.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('is the base64 HMAC-SHA256 of id.timestamp.body keyed by the decoded secret', () => {
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(sign(secret, id, timestamp, body)).toBe(`v1,${expected}`);
    // The value the specification's reference libraries give for this example.
    expect(sign(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with each signed part', () => {
    const base = sign(secret, id, timestamp, body);
    expect(sign(secret, `${id}x`, timestamp, body)).not.toBe(base);
    expect(sign(secret, id, timestamp + 1, body)).not.toBe(base);
    expect(sign(secret, id, timestamp, `${body} `)).not.toBe(base);
  });

  it('lists one signature per secret during a rotation', () => {
    const other = newSecret();
    expect(signatureHeader([secret, other], id, timestamp, body)).toBe(
      `${sign(secret, id, timestamp, body)} ${sign(other, id, timestamp, body)}`,
    );
  });

  it('makes secrets of 32 random bytes with the whsec_ prefix', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });
});
