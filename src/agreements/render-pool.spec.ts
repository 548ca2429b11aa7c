import { RenderPool } from './render-pool.js';

describe('RenderPool', () => {
  const pool = new RenderPool(new URL('../../test/support/workers/flaky-render.mjs', import.meta.url), 1);
  afterAll(() => pool.onModuleDestroy());

  it('returns what the worker renders and reports what it fails to render', async () => {
    await expect(pool.dispatch({ action: 'ok' })).resolves.toEqual(Buffer.from('%PDF'));
    await expect(pool.dispatch({ action: 'fail' })).rejects.toThrow('render failed: layout failed');
  });

  it('survives a worker that crashes or exits: its job fails, a new worker takes its place', async () => {
    await expect(pool.dispatch({ action: 'crash' })).rejects.toThrow(/render worker exited/);
    await expect(pool.dispatch({ action: 'ok' })).resolves.toEqual(Buffer.from('%PDF'));
    await expect(pool.dispatch({ action: 'exit' })).rejects.toThrow(/render worker exited \(3\)/);
    await expect(pool.dispatch({ action: 'ok' })).resolves.toEqual(Buffer.from('%PDF'));
    expect(pool.threads).toBe(1);
  });
});
