import { AsyncGate } from './sqlite-gate.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AsyncGate', () => {
  it('runs holders one at a time, in arrival order, and lets a holder re-enter', async () => {
    const gate = new AsyncGate();
    const log: string[] = [];
    const job = (name: string) =>
      gate.run(async () => {
        log.push(`${name}:start`);
        await tick();
        await gate.run(async () => log.push(`${name}:inner`));
        await tick();
        log.push(`${name}:end`);
      });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(log).toEqual(['a:start', 'a:inner', 'a:end', 'b:start', 'b:inner', 'b:end', 'c:start', 'c:inner', 'c:end']);
  });

  it('releases the gate when the holder throws', async () => {
    const gate = new AsyncGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
    expect(gate.held()).toBe(false);
  });
});
