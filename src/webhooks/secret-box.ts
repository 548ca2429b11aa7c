import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the service's JWT secret, which every
 * instance shares already and which is never in the database. A copy of the database alone does not reveal them.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'kolabora', 'webhook signing secrets v1', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join('.');
  }

  // Opened secrets by sealed value: every message of an endpoint is signed with the same one or two.
  private readonly opened = new Map<string, string>();

  open(stored: string): string {
    let plain = this.opened.get(stored);
    if (plain === undefined) {
      plain = this.decrypt(stored);
      if (this.opened.size >= 1000) this.opened.clear();
      this.opened.set(stored, plain);
    }
    return plain;
  }

  private decrypt(stored: string): string {
    const [version, iv, tag, sealed] = stored.split('.');
    if (version !== 'v1' || !sealed) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}
