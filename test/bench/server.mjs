// The built service in its own process on a fresh data folder, for the benchmarks.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts `node dist/src/main.js` and waits for /health; returns its address, its data folder, peak-RSS and CPU readers and stop(). */
export async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      AUTH_RATE_LIMIT: '100000',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (
    let i = 0;
    !(await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 300) {
      await stop();
      throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const peakRssMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
  // User and system CPU seconds the server has used (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s).
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { base, dataDir, peakRssMb, cpuSeconds, stop };
}

/** A new account and the organization it owns on that server: `{accessToken, userId, organizationId}`. */
export async function registerOrganization(base, name = 'Bench Co') {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.id`,
      password: 'benchmark-password',
      name: 'Bench',
      organization: { name, legalForm: 'cv', scale: 'small', city: 'Bandung', brands: ['BENCH'], categories: ['apparel'] },
    }),
  });
  if (!res.ok) throw new Error(`register: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { accessToken: body.accessToken, userId: body.user.id, organizationId: body.organization.id };
}

/** A founder's bearer token on that server. */
export async function registerFounder(base) {
  return (await registerOrganization(base)).accessToken;
}
