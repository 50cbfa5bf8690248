/** The embedded driver: PGlite, PostgreSQL compiled to WebAssembly, in-process, no native build. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQuery } from './sql.js';

const wrap = (db: Pick<PGlite, 'query'>): SqlQuery => ({
  async query<Row extends object>(text: string, params: readonly unknown[] = []) {
    return (await db.query<Row>(text, params as unknown[])).rows;
  },
});

/** Opens (creating on first use) the database in `dataDir`; `memory://` keeps it in memory. */
export async function openPglite(dataDir: string): Promise<SqlClient> {
  // PGlite makes its own folder, not the ones above it (`.data/` on a fresh clone).
  if (!dataDir.includes('://')) await mkdir(dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    // In-process: the connection is never lost, so onListening runs once.
    async listen(channel, onNotify, onListening) {
      const unlisten = await db.listen(channel, onNotify);
      onListening();
      return () => unlisten();
    },
    close: () => db.close(),
  };
}
