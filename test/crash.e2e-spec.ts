import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { appDataSourceOptions as dataSourceOptions } from '../src/entities.js';
import { verifyHistories } from '../src/collaborations/history-check.js';
import { WorkflowRegistry } from '../src/workflow-runtime/workflow-registry.js';
import { freshDatabase } from './support/app.js';
import { registration } from './support/factories.js';
import { REQUIREMENTS, VISION } from './support/lifecycle.js';

const ROOT = new URL('..', import.meta.url).pathname;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

// The real server in its own process, killed with SIGKILL in the middle of a stream of events.
describe('crash safety', () => {
  let env: Record<string, string>;
  let base: string;
  let server: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: ROOT });
    const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-crash-'));
    const database = await freshDatabase();
    const port = await freePort();
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      WORKER_POLL_MS: '200',
      ...database.env,
    };
    base = `http://127.0.0.1:${port}`;
    cleanup = async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }, 120_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await cleanup();
  });

  async function start(): Promise<void> {
    server = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: 'ignore',
    });
    const child = server;
    exited = new Promise((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 200; i++) {
      const healthy = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server did not become healthy');
  }

  const call = async (path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('keeps every answered event across a SIGKILL, and every snapshot equals its replay', async () => {
    await start();
    const founder = (await call('/api/v1/auth/register', null, registration())).body.accessToken as string;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        (
          await call('/api/v1/collaborations', founder, {
            title: `C${i}`,
            form: 'co_branding',
            vision: VISION,
            partnerRequirements: REQUIREMENTS,
          })
        ).body.id,
      );
    }
    const answered: Array<{ id: string; title: string }> = [];
    let stop = false;
    // Four streams of updates, one per collaboration, until the server dies under them.
    const streams = ids.map(async (id, s) => {
      for (let n = 0; !stop; n++) {
        const title = `stream ${s} update ${n}`;
        try {
          const res = await call(`/api/v1/collaborations/${id}/events`, founder, { type: 'proposal.update', title });
          if (res.status === 200) answered.push({ id, title });
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    });
    for (let i = 0; i < 2000 && answered.length < 200; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered.length).toBeGreaterThanOrEqual(200);
    server!.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(streams);

    await start();
    for (const id of ids) {
      const history = (await call(`/api/v1/collaborations/${id}/history`, founder)).body as Array<{ payload: { title: string } }>;
      const titles = new Set(history.map((e) => e.payload.title));
      for (const a of answered.filter((x) => x.id === id)) expect(titles.has(a.title)).toBe(true);
    }
    const dataSource = await new DataSource(dataSourceOptions(loadConfig(env))).initialize();
    try {
      const reports = await verifyHistories(dataSource, new WorkflowRegistry(), ids);
      expect(reports.map((r) => r.problems)).toEqual(ids.map(() => []));
      expect(reports.reduce((n, r) => n + r.events, 0)).toBeGreaterThanOrEqual(answered.length);
    } finally {
      await dataSource.destroy();
    }
  }, 120_000);
});
