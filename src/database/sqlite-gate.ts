import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/** A FIFO async lock that the holder's own async calls pass through (re-entrant by async context). */
export class AsyncGate {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<true>();

  held(): boolean {
    return this.holder.getStore() === true;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held()) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.holder.run(true, fn);
    } finally {
      release();
    }
  }
}

/**
 * TypeORM's better-sqlite3 driver shares ONE query runner among all callers, and turns a second concurrent
 * `transaction()` into a savepoint inside the first: two requests' transactions would interleave and see
 * each other's uncommitted writes. This gate makes each transaction exclusive, and makes every statement
 * outside a transaction wait for the running one, so SQLite behaves like a serializable database.
 * Install it after migrations (they start transactions of their own).
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const gate = new AsyncGate();
  const runner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  (runner as { query: unknown }).query = (...args: unknown[]) => gate.run(() => query(...args));
  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = (isolation) => {
    // Anything else (e.g. save() with its implicit transaction) would break the isolation above: fail loudly.
    if (!gate.held()) return Promise.reject(new Error('On SQLite, start transactions only through dataSource.transaction()'));
    return startTransaction(isolation);
  };
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => gate.run(() => transaction(...args));
}
