import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

type Executor = DataSource | EntityManager;

/** TypeORM writes datetimes on SQLite as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC); raw SQL must write the same. */
const sqliteDate = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

export interface SqlResult<T> {
  records: T[];
  affected?: number;
}

/**
 * Raw SQL for the hot path (every event and every view), written once for both drivers: a tagged template whose
 * values become the driver's placeholders. TypeORM's query builder spends more CPU per statement than SQLite
 * takes to run it. Inside a transaction pass its EntityManager.
 */
export function sql(executor: Executor) {
  const dataSource = 'manager' in executor ? executor : executor.connection;
  const postgres = dataSource.options.type === 'postgres';
  return async <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<SqlResult<T>> => {
    const text = strings.reduce((acc, part, i) => acc + (i === 0 ? '' : postgres ? `$${i}` : '?') + part, '');
    const params = values.map((v) =>
      v instanceof Date ? (postgres ? v : sqliteDate(v)) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
    );
    const own: QueryRunner | undefined = 'manager' in executor ? undefined : executor.queryRunner;
    const runner = own ?? dataSource.createQueryRunner();
    try {
      const result = (await runner.query(text, params, true)) as { records?: T[]; affected?: number };
      return { records: result.records ?? [], affected: result.affected };
    } finally {
      if (!own) await runner.release();
    }
  };
}

/** A datetime column read by raw SQL: a Date on PostgreSQL (see data-source-options), a UTC string on SQLite. */
export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`));

/** A simple-json column read by raw SQL. */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/**
 * Raw SQL assembled at run time (optional filters, IN lists): `?` placeholders, numbered for PostgreSQL, values
 * converted as `sql` converts them (and booleans to 0/1 for SQLite). Returns the rows of a SELECT.
 */
export async function query<T = Record<string, unknown>>(executor: Executor, text: string, values: unknown[]): Promise<T[]> {
  const dataSource = 'manager' in executor ? executor : executor.connection;
  const postgres = dataSource.options.type === 'postgres';
  let n = 0;
  const numbered = postgres ? text.replace(/\?/g, () => `$${++n}`) : text;
  const params = values.map((v) =>
    v instanceof Date
      ? postgres
        ? v
        : sqliteDate(v)
      : typeof v === 'boolean' && !postgres
        ? Number(v)
        : v !== null && typeof v === 'object'
          ? JSON.stringify(v)
          : v,
  );
  return (await executor.query(numbered, params)) as T[];
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
