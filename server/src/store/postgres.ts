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

/** No query of the store takes long; one that does is a stalled database. */
const STATEMENT_TIMEOUT_MS = 15_000;

/**
 * Connections per instance. Every write waits for its commit to reach the disk; with more
 * connections those waits overlap (10 → 20: 660 → 890 webhooks/s on 2 cores).
 */
const POOL_SIZE = 20;

export function openPostgres(url: string, { max = POOL_SIZE } = {}): SqlClient {
  // No notices on stdout: the server's stdout is one JSON line per step.
  // A stalled database fails a request within seconds rather than holding it open.
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS },
  });
  return {
    ...wrap(sql),
    transaction: (work) => sql.begin((tx) => work(wrap(tx))) as Promise<never>,
    // postgres.js keeps one connection for LISTEN, re-listens when it is lost and then calls
    // onListening again.
    async listen(channel, onNotify, onListening) {
      const listening = await sql.listen(channel, onNotify, onListening);
      return () => listening.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
