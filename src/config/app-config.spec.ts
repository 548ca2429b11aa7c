import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kolabora-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has defaults: port 3000, SQLite in DATA_DIR, a public URL on the port, 10 auth requests a minute', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir,
      database: { kind: 'sqlite', file: join(dataDir, 'kolabora.sqlite') },
      jwt: { ttlSeconds: 3600 },
      logLevel: 'info',
      publicUrl: 'http://localhost:3000',
      authRateLimit: 10,
      verifyRateLimit: 20,
      trustProxy: false,
    });
  });

  it('switches to PostgreSQL with DATABASE_URL and reads every variable', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kolabora',
      PORT: '8080',
      JWT_SECRET: 's'.repeat(40),
      JWT_TTL: '15m',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://kolabora.example.id/',
      AUTH_RATE_LIMIT: '5',
      VERIFY_RATE_LIMIT: '7',
      TRUST_PROXY: 'true',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/kolabora' },
      jwt: { secret: 's'.repeat(40), ttlSeconds: 900 },
      logLevel: 'warn',
      publicUrl: 'https://kolabora.example.id',
      authRateLimit: 5,
      verifyRateLimit: 7,
      trustProxy: true,
      webhooks: { allowPrivate: true },
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['JWT_SECRET', 'short'],
    ['JWT_TTL', 'forever'],
    ['LOG_LEVEL', 'loud'],
    ['PUBLIC_URL', 'kolabora.example.id'],
    ['AUTH_RATE_LIMIT', '0'],
    ['VERIFY_RATE_LIMIT', '0'],
    ['TRUST_PROXY', 'maybe'],
    ['WEBHOOKS_ALLOW_PRIVATE', 'yes'],
    ['SMTP_URL', 'http://user:s3cret@mail.example.id'],
    ['MAIL_FROM', 'Kolabora'],
  ])('stops on a bad %s=%s with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir, [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(message).not.toContain('\n');
    if (name === 'JWT_SECRET' || name === 'SMTP_URL') expect(message).not.toContain('s3cret');
    if (name === 'JWT_SECRET') expect(message).not.toContain(value);
  });

  it('writes mail to the log without SMTP_URL, and sends by SMTP with it', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).mail).toEqual({
      smtpUrl: null,
      from: 'Kolabora <no-reply@kolabora.local>',
      dailyPerAddress: 3,
      dailyPerOrganization: 50,
    });
    const url = 'smtp://kolabora:p%40ss@mail.example.id:587';
    expect(loadConfig({ DATA_DIR: dataDir, SMTP_URL: url, MAIL_FROM: 'kabar@kolabora.id' }).mail).toMatchObject({
      smtpUrl: url,
      from: 'kabar@kolabora.id',
    });
  });

  it('takes the daily invitation-mail limits, refusing a limit below 1', () => {
    expect(loadConfig({ DATA_DIR: dataDir, MAIL_DAILY_PER_ADDRESS: '5', MAIL_DAILY_PER_ORGANIZATION: '9' }).mail).toMatchObject({
      dailyPerAddress: 5,
      dailyPerOrganization: 9,
    });
    expect(() => loadConfig({ DATA_DIR: dataDir, MAIL_DAILY_PER_ADDRESS: '0' })).toThrow(/MAIL_DAILY_PER_ADDRESS/);
  });

  it('generates a JWT secret on first start, keeps it in DATA_DIR with mode 0600, and reuses it', () => {
    const first = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' });
    const file = join(dataDir, 'jwt-secret');
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(first.jwt.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe(first.jwt.secret);
  });

  it('accepts any postgres URL node-postgres takes, and never echoes it in an error', () => {
    for (const url of ['postgres://u:p@my_db:5432/kolabora', 'postgresql:///kolabora?host=/var/run/postgresql']) {
      expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
    }
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://u:s3cret@db/x' })).toThrow(
      /^Invalid configuration: DATABASE_URL must be a postgres/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://u:s3cret@db/x' })).not.toThrow(/s3cret/);
  });

  it('refuses a stored JWT secret that is too short instead of signing with it', () => {
    writeFileSync(join(dataDir, 'jwt-secret'), 'abc', { mode: 0o600 });
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(/jwt-secret holds a JWT secret shorter than 32/);
  });

  it('uses JWT_SECRET when set, writing no file', () => {
    loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'k'.repeat(32) });
    expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow();
  });

  it('generates the data key on first start (32 bytes, mode 0600) and reuses it; DATA_KEY and DATA_KEY_PREVIOUS are checked', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'data-key');
    expect(first.dataKeys.current).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).dataKeys.current.equals(first.dataKeys.current)).toBe(true);
    const key = Buffer.alloc(32, 7).toString('base64');
    const old = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ DATA_DIR: dataDir, DATA_KEY: key, DATA_KEY_PREVIOUS: old }).dataKeys).toEqual({
      current: Buffer.alloc(32, 7),
      previous: [Buffer.alloc(32, 9)],
    });
    expect(() => loadConfig({ DATA_DIR: dataDir, DATA_KEY: 'short' })).toThrow(/^Invalid configuration: DATA_KEY must be 32 bytes/);
    expect(() => loadConfig({ DATA_DIR: dataDir, DATA_KEY: key, DATA_KEY_PREVIOUS: `${old},x` })).toThrow(/DATA_KEY_PREVIOUS/);
  });
});
