import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('stores scrypt with its cost and a random salt, and verifies only the right password', async () => {
    const [a, b] = [await hashPassword('kain-tenun-2026'), await hashPassword('kain-tenun-2026')];
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('kain-tenun-2026', a)).resolves.toBe(true);
    await expect(verifyPassword('kain-tenun-2027', a)).resolves.toBe(false);
    await expect(verifyPassword('kain-tenun-2026', 'garbage')).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode passwords as the same (NFKC)', async () => {
    const hash = await hashPassword('batik-Cafe\u0301-2026');
    await expect(verifyPassword('batik-Caf\u00e9-2026', hash)).resolves.toBe(true);
  });
});
