import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedSealPem, type SealKey, sealFromP12, sealFromPem } from './seal-key.js';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  type ValidationError,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const MIN_SECRET_LENGTH = 32;
// Values of these are never echoed in an error message.
const SECRET_VARIABLES = ['JWT_SECRET', 'DATABASE_URL', 'SMTP_URL', 'SEAL_P12_PASSWORD'];

function IsPostgresUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPostgresUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => {
          try {
            return typeof value === 'string' && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => `${args?.property} must be a postgres:// or postgresql:// URL`,
      },
    });
}

// Its credentials (smtp://user:pass@host) make it a secret: the message never echoes the value.
function IsSmtpUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSmtpUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => {
          try {
            const url = typeof value === 'string' ? new URL(value) : undefined;
            return Boolean(url && ['smtp:', 'smtps:'].includes(url.protocol) && url.hostname);
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => `${args?.property} must be an smtp:// or smtps:// URL with a host (smtp://user:pass@host:587)`,
      },
    });
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

const DATA_KEY = /^[A-Za-z0-9+/]{43}=$/;
const DATA_KEYS = /^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/;

/** Every environment variable the service reads, with its default. `.env.example` mirrors this class. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  // Unset: embedded SQLite in DATA_DIR. Any URL node-postgres takes (docker host names, sockets via ?host=).
  @IsOptional()
  @IsPostgresUrl()
  DATABASE_URL?: string;

  // Unset: generated on first start and kept in DATA_DIR/jwt-secret (mode 0600).
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  // AES-256-GCM key of the personal data at rest (KTP/NIK, NIB, NPWP): 32 bytes in base64. Unset: generated into
  // DATA_DIR/data-key (mode 0600). Every instance on one database needs the same key.
  @IsOptional()
  @Matches(DATA_KEY, { message: 'DATA_KEY must be 32 bytes in base64 (44 characters ending in =), e.g. from `openssl rand -base64 32`' })
  DATA_KEY?: string;

  // Earlier keys, comma-separated, still read while rows written under them are re-encrypted (see README, key rotation).
  @IsOptional()
  @Matches(DATA_KEYS, { message: 'DATA_KEY_PREVIOUS must be base64 32-byte keys separated by commas' })
  DATA_KEY_PREVIOUS?: string;

  // The service's seal on executed copies: a PKCS#12 file (key and certificate) and its password. Unset: a self-signed
  // seal generated into DATA_DIR/seal.pem (mode 0600).
  @IsOptional()
  @IsString()
  SEAL_P12_PATH?: string;

  @IsOptional()
  @IsString()
  SEAL_P12_PASSWORD?: string;

  @Matches(/^[1-9]\d*[smhd]$/, { message: 'JWT_TTL must be a number followed by s, m, h or d (e.g. 1h)' })
  JWT_TTL = '1h';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT = 10;

  // POST /verify takes up to 20 MiB from anyone, no login: requests per minute per client IP.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  VERIFY_RATE_LIMIT = 20;

  // How often each instance looks for due timers and pending effects; 0 turns the background loop off.
  @Type(() => Number)
  @IsInt()
  @Min(0)
  WORKER_POLL_MS = 1000;

  // Days before a due date at which reminders go out (and calendar alarms ring); one more goes out when it is overdue.
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'REMINDER_OFFSETS_DAYS must be whole days separated by commas, e.g. 30,7' })
  REMINDER_OFFSETS_DAYS = '30,7';

  // Unset: mail is written to the log (one JSON line per message). Set: sent through this SMTP server with nodemailer.
  @IsOptional()
  @IsSmtpUrl()
  SMTP_URL?: string;

  // The From of every message sent: an address, or a name and an address in angle brackets.
  @Matches(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address or "Name <address>"',
  })
  MAIL_FROM = 'Kolabora <no-reply@kolabora.local>';

  // Invitation mails to one contact address, and from one inviting organization, in any 24 hours (an open relay otherwise).
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAIL_DAILY_PER_ADDRESS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAIL_DAILY_PER_ORGANIZATION = 50;

  // Set to true behind a load balancer so the rate limit sees the client's address (X-Forwarded-For).
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  // true lets webhooks reach private, loopback and link-local addresses: for self-hosting next to the receiver, and tests.
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE = false;
}

export interface AppConfig {
  /** Personal data at rest: the key that encrypts, then older keys that still decrypt. */
  dataKeys: { current: Buffer; previous: Buffer[] };
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  jwt: { secret: string; ttlSeconds: number };
  logLevel: LogLevel;
  publicUrl: string;
  authRateLimit: number;
  verifyRateLimit: number;
  trustProxy: boolean;
  workerPollMs: number;
  /** Descending, without duplicates. */
  reminderOffsetsDays: number[];
  /** smtpUrl null: the log mailer. The daily limits count invitation mails in any 24 hours. */
  mail: { smtpUrl: string | null; from: string; dailyPerAddress: number; dailyPerOrganization: number };
  webhooks: { allowPrivate: boolean };
  /** The key and certificate chain that seal executed copies. */
  seal: SealKey;
}

export class ConfigError extends Error {}

const TTL_UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

function firstProblem(errors: ValidationError[]): string {
  const error = errors[0];
  const constraint = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  const shown = SECRET_VARIABLES.includes(error.property) ? '' : ` (got ${JSON.stringify(error.value)})`;
  return `${constraint}${shown}`;
}

/**
 * Reads a generated secret, or creates it. It is written to a temporary file and linked into place, so a second
 * instance starting at the same moment reads either no file (and links its own, losing the race) or a whole one.
 */
function persistedSecret(file: string, generate: () => string): string {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, generate(), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, 'utf8').trim();
}

function persistedJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  const secret = persistedSecret(file, () => randomBytes(48).toString('base64url'));
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `Invalid configuration: ${file} holds a JWT secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one`,
    );
  }
  return secret;
}

function persistedDataKey(dataDir: string): string {
  const file = join(dataDir, 'data-key');
  const key = persistedSecret(file, () => randomBytes(32).toString('base64'));
  if (!DATA_KEY.test(key)) throw new ConfigError(`Invalid configuration: ${file} does not hold a base64 32-byte key`);
  return key;
}

function seal(vars: EnvironmentVariables, dataDir: string): SealKey {
  if (vars.SEAL_P12_PASSWORD !== undefined && !vars.SEAL_P12_PATH) {
    throw new ConfigError('Invalid configuration: SEAL_P12_PASSWORD is set without SEAL_P12_PATH');
  }
  const file = join(dataDir, 'seal.pem');
  try {
    return vars.SEAL_P12_PATH
      ? sealFromP12(vars.SEAL_P12_PATH, vars.SEAL_P12_PASSWORD ?? '')
      : sealFromPem(persistedSecret(file, generatedSealPem), file);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`, { cause: error });
  }
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Clears the group and other permission bits of a file or folder this process owns; `mode` is 0o600 or 0o700. */
function tighten(path: string, mode: number): void {
  const stat = statSync(path);
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(path, mode);
}

/**
 * DATA_DIR holds password hashes and KTP/NIB numbers: the folder is 0700 and the SQLite database 0600, never readable by
 * other local users. SQLite gives the -wal and -shm files it creates the mode of the database file, so creating that
 * file 0600 before the driver opens it covers them too, with no process-wide umask to change and restore around the
 * asynchronous open (any file created meanwhile would get it). A folder or files from an older version are tightened.
 */
function secureDataDir(dataDir: string, sqliteFile: string | null): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir, 0o700);
  if (!sqliteFile) return;
  try {
    closeSync(openSync(sqliteFile, 'wx', 0o600)); // an empty file is an empty database to SQLite
  } catch (error) {
    if (errno(error) !== 'EEXIST') throw error;
  }
  for (const file of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`, `${sqliteFile}-journal`]) {
    try {
      tighten(file, 0o600);
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
  }
}

/** Validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // The optional variables have no default, so they are not own keys of a fresh instance.
  const given = Object.fromEntries(
    [
      ...Object.keys(new EnvironmentVariables()),
      'DATABASE_URL',
      'JWT_SECRET',
      'DATA_KEY',
      'DATA_KEY_PREVIOUS',
      'PUBLIC_URL',
      'SMTP_URL',
      'SEAL_P12_PATH',
      'SEAL_P12_PASSWORD',
    ]
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const vars = plainToInstance(EnvironmentVariables, given);
  const errors = validateSync(vars, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${firstProblem(errors)}`);

  const dataDir = resolve(vars.DATA_DIR);
  const sqliteFile = vars.DATABASE_URL ? null : join(dataDir, 'kolabora.sqlite');
  try {
    secureDataDir(dataDir, sqliteFile);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: DATA_DIR ${dataDir} cannot be created or secured (${(error as Error).message})`);
  }
  const ttl = /^(\d+)([smhd])$/.exec(vars.JWT_TTL)!;
  return {
    dataKeys: {
      current: Buffer.from(vars.DATA_KEY ?? persistedDataKey(dataDir), 'base64'),
      previous: (vars.DATA_KEY_PREVIOUS ?? '')
        .split(',')
        .filter(Boolean)
        .map((key) => Buffer.from(key, 'base64')),
    },
    port: vars.PORT,
    host: vars.HOST,
    dataDir,
    database: sqliteFile ? { kind: 'sqlite', file: sqliteFile } : { kind: 'postgres', url: vars.DATABASE_URL! },
    jwt: {
      secret: vars.JWT_SECRET ?? persistedJwtSecret(dataDir),
      ttlSeconds: Number(ttl[1]) * TTL_UNIT_SECONDS[ttl[2] as keyof typeof TTL_UNIT_SECONDS],
    },
    logLevel: vars.LOG_LEVEL,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    authRateLimit: vars.AUTH_RATE_LIMIT,
    verifyRateLimit: vars.VERIFY_RATE_LIMIT,
    trustProxy: vars.TRUST_PROXY,
    workerPollMs: vars.WORKER_POLL_MS,
    reminderOffsetsDays: [...new Set(vars.REMINDER_OFFSETS_DAYS.split(',').map(Number))].sort((a, b) => b - a),
    mail: {
      smtpUrl: vars.SMTP_URL ?? null,
      from: vars.MAIL_FROM.trim(),
      dailyPerAddress: vars.MAIL_DAILY_PER_ADDRESS,
      dailyPerOrganization: vars.MAIL_DAILY_PER_ORGANIZATION,
    },
    webhooks: { allowPrivate: vars.WEBHOOKS_ALLOW_PRIVATE },
    seal: seal(vars, dataDir),
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
