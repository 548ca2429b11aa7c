import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/bootstrap.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { Contract, type ContractResponse } from './contract.js';

declare const KOLABORA_TEST_DATABASE: 'sqlite' | 'postgres';
export const TEST_DATABASE: 'sqlite' | 'postgres' = KOLABORA_TEST_DATABASE;

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  env: Record<string, string>;
  /**
   * supertest on the app; every response is checked against the OpenAPI document before the test sees it (see contract.ts).
   * `unchecked` (a reason) skips that for one request: only for requests that deliberately send garbage the document cannot describe.
   */
  http: (options?: { unchecked: string }) => ReturnType<typeof request>;
  /** The OpenAPI document the app serves at /docs-json, as a response checker. */
  contract: Contract;
  close: () => Promise<void>;
}

type AppOptions = Parameters<typeof createApp>[1] & {
  /** Boot another instance on the database (and data folder) of this one; the first owner drops it. */
  shareWith?: TestApp;
};

/** A fresh database for one test file: a temp SQLite file, or a new PostgreSQL database beside TEST_DATABASE_URL. */
export async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (TEST_DATABASE === 'sqlite') return { env: {}, drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `kolabora_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Boots the real application through the production bootstrap, on a fresh database with migrations run on start. */
export async function startTestApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestApp> {
  const { shareWith, ...appOptions } = options;
  let storage: { env: Record<string, string>; cleanup: () => Promise<void> };
  if (shareWith) {
    storage = {
      env: { DATA_DIR: shareWith.env.DATA_DIR, ...(shareWith.env.DATABASE_URL ? { DATABASE_URL: shareWith.env.DATABASE_URL } : {}) },
      cleanup: async () => {},
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-test-'));
    const database = await freshDatabase();
    storage = {
      env: { DATA_DIR: dataDir, ...database.env },
      cleanup: async () => {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const fullEnv = { LOG_LEVEL: 'silent', AUTH_RATE_LIMIT: '1000', MAIL_DAILY_PER_ADDRESS: '1000', ...storage.env, ...env };
  const config = loadConfig(fullEnv);
  const app = await createApp(config, appOptions);
  // The document as clients get it (Fastify's inject needs an ESM-only dependency jest cannot load).
  const contract = new Contract((await request(app.getHttpServer()).get('/docs-json').expect(200)).body);
  return {
    app,
    config,
    env: fullEnv,
    contract,
    http: (options) => (options?.unchecked ? request(app.getHttpServer()) : checkedRequest(app.getHttpServer(), contract)),
    close: async () => {
      await app.close();
      await storage.cleanup();
    },
  };
}

type Server = ReturnType<NestFastifyApplication['getHttpServer']>;
type Agent = ReturnType<typeof request>;
type Test = ReturnType<Agent['get']>;
type Assert = (resError: Error | null, res: ContractResponse | undefined, fn: (err: Error | null, res: unknown) => void) => void;

/**
 * supertest whose every request, however the test awaits it (`.expect()`, `await`, `.end()`), has its response checked
 * against the document after the test's own expectations: a mismatch fails the request with what is wrong.
 */
export function checkedRequest(server: Server, contract: Contract): Agent {
  const agent = request(server);
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (url: string) => {
        const test = (value as (url: string) => Test).call(target, url) as Test & { assert: Assert; method: string; url: string };
        const assert = test.assert.bind(test);
        test.assert = (resError, res, fn) =>
          assert(resError, res, (err, checked) => {
            const problem = !err && res ? contract.check(test.method, test.url, res) : undefined;
            fn.call(test, problem ? new Error(`OpenAPI contract: ${problem}`) : err, checked);
          });
        return test;
      };
    },
  });
}
