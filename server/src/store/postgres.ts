/** The server driver: PostgreSQL through postgres.js, a pool of connections to `DATABASE_URL`. */
import postgres from 'postgres';
import type { SqlClient, SqlQuery } from './sql.js';

type Sql = postgres.Sql | postgres.TransactionSql;
type Parameters = postgres.ParameterOrJSON<never>[];

const wrap = (sql: Sql): SqlQuery => ({
  async query<Row extends object>(text: string, params: readonly unknown[] = []) {
    return (await sql.unsafe(text, params as Parameters)) as unknown as Row[];
  },
});

export function openPostgres(url: string, { max = 10 } = {}): SqlClient {
  // No notices on stdout: the server's stdout is one JSON line per step.
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  return {
    ...wrap(sql),
    transaction: (work) => sql.begin((tx) => work(wrap(tx))) as Promise<never>,
    close: () => sql.end({ timeout: 5 }),
  };
}
