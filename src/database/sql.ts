import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Where a statement runs: the DataSource, or inside a transaction its EntityManager. */
export type SqlExecutor = DataSource | EntityManager;

export interface SqlResult<T> {
  records: T[];
  affected?: number;
}

/** `sql(executor)`: run one statement; `T` is the row type of `records`. */
export type SqlTag = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<SqlResult<T>>;

/**
 * Part of a statement: text and the values between it, spliced (values and all) where it is interpolated into `sql`.
 * Not exported as a class: its text comes only from template literals in the source, never from a value.
 */
class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export type { SqlFragment };

/** A fragment, for a statement assembled at run time: `frag\`AND p.capacity >= ${min}\``; nests in `sql` and in `frag`. */
export const frag = (strings: TemplateStringsArray, ...values: unknown[]): SqlFragment => new SqlFragment([...strings], values);

/**
 * `(?, ?, ?)`, one placeholder per value: `sql(em)\`… WHERE id IN ${inList(ids)}\``. An empty list throws: SQL has no
 * portable empty list (PostgreSQL rejects `IN ()`, and `IN (NULL)` would make `NOT IN` match nothing), so the caller
 * decides, by skipping the statement or the filter.
 */
export function inList(values: readonly unknown[]): SqlFragment {
  if (values.length === 0) throw new RangeError('inList() of an empty list: skip the statement or the filter instead');
  return new SqlFragment(['(', ...values.slice(1).map(() => ', '), ')'], values);
}

/** TypeORM writes datetimes on SQLite as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC); raw SQL must write the same. */
const sqliteDate = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

/** The one conversion of a value to a driver parameter: Dates and booleans as each driver stores them, objects as simple-json. */
function toParam(value: unknown, postgres: boolean): unknown {
  if (value instanceof Date) return postgres ? value : sqliteDate(value);
  if (typeof value === 'boolean') return postgres ? value : Number(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/** The statement's text with the driver's placeholders (`?`, or `$n` numbered across fragments) and its parameters. */
function render(fragment: SqlFragment, postgres: boolean): { text: string; params: unknown[] } {
  let text = '';
  const params: unknown[] = [];
  const walk = (f: SqlFragment): void => {
    f.strings.forEach((part, i) => {
      text += part;
      if (i >= f.values.length) return;
      const value = f.values[i];
      if (value instanceof SqlFragment) return walk(value);
      params.push(toParam(value, postgres));
      text += postgres ? `$${params.length}` : '?';
    });
  };
  walk(fragment);
  return { text, params };
}

/**
 * The one way to run raw SQL outside src/database (lint bans `.query()`): a tagged template whose values become the
 * driver's placeholders, and whose fragments (`frag`, `inList`) are spliced in. Written once for both drivers; used on
 * the hot path because TypeORM's query builder spends more CPU per statement than SQLite takes to run it. Inside a
 * transaction pass its EntityManager.
 */
export function sql(executor: SqlExecutor): SqlTag {
  const dataSource = 'manager' in executor ? executor : executor.connection;
  const postgres = dataSource.options.type === 'postgres';
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<SqlResult<T>> => {
    const { text, params } = render(new SqlFragment(strings, values), postgres);
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
