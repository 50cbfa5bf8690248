/**
 * Opening the store: PostgreSQL when a `databaseUrl` is given, else the embedded PGlite in
 * `dataDir`. Migrations run before it is handed out, so a store in hand is ready.
 */
import { migrate, type SqlClient } from './sql.js';
import { createSqlStore, type Store } from './store.js';

export type { EventHint, Order, OrderEvent, OrderTerms, PaymentReview, Store } from './store.js';

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL. */
  databaseUrl?: string;
  /** The embedded database's folder when there is no `databaseUrl`; `memory://` for none. */
  dataDir?: string;
}

export const DEFAULT_DATA_DIR = '.data';

/** The driver for these options, not yet migrated (tests share one and reset its tables). */
export async function openSqlClient({
  databaseUrl,
  dataDir = DEFAULT_DATA_DIR,
}: StoreOptions): Promise<SqlClient> {
  if (databaseUrl) return (await import('./postgres.js')).openPostgres(databaseUrl);
  return (await import('./pglite.js')).openPglite(dataDir);
}

/** A migrated store for these options. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const client = await openSqlClient(options);
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return createSqlStore(client);
}
