import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { type DynamicModule, Global, Module } from '@nestjs/common';

const PREFIX = 'enc:v1:';

/** Where a value lives, bound into its ciphertext: a value copied to another row or column does not decrypt there. */
export interface FieldPlace {
  table: string;
  column: string;
  rowId: string;
}

/**
 * AES-256-GCM for single columns of personal data: `enc:v1:<key id>:<base64url of iv | ciphertext | tag>`. The key id
 * (8 hex of the key's sha256) says which key wrote a value, so a rotation can read old values and find those to rewrite.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    if (current.length !== 32 || previous.some((key) => key.length !== 32)) throw new RangeError('AES-256 keys are 32 bytes');
    this.currentKeyId = keyId(current);
    this.keys = new Map([...previous, current].map((key) => [keyId(key), key]));
  }

  encrypt(plain: string, place: FieldPlace): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv).setAAD(aad(place));
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.currentKeyId}:${body.toString('base64url')}`;
  }

  /** The plain value; throws when the value was changed, moved, or written under a key this instance does not have. */
  decrypt(stored: string, place: FieldPlace): string {
    const [id, data] = this.parse(stored);
    const key = this.keys.get(id);
    if (!key) throw new Error(`${place.table}.${place.column} of ${place.rowId} is encrypted under key ${id}, which is not configured`);
    const body = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12)).setAAD(aad(place));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Whether a stored value is encrypted under the current key (false for a plain value from before encryption). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }

  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  private parse(stored: string): [string, string] {
    if (!FieldCipher.isEncrypted(stored)) throw new Error('not an encrypted value');
    const rest = stored.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    return [rest.slice(0, colon), rest.slice(colon + 1)];
  }
}

const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);
const aad = (place: FieldPlace): Buffer => Buffer.from(`${place.table}.${place.column}:${place.rowId}`, 'utf8');

/** The app's cipher for personal data at rest, keyed by DATA_KEY (and DATA_KEY_PREVIOUS during a rotation). */
@Global()
@Module({})
export class FieldCipherModule {
  static forRoot(keys: { current: Buffer; previous: Buffer[] }): DynamicModule {
    return {
      module: FieldCipherModule,
      providers: [{ provide: FieldCipher, useValue: new FieldCipher(keys.current, keys.previous) }],
      exports: [FieldCipher],
    };
  }
}
