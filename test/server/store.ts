/**
 * The one database a test process shares, on the driver `TEST_STORE` names: `pglite` (the
 * default; a data directory made once and reopened, since a new one takes seconds) or
 * `postgres` (`TEST_DATABASE_URL`, by default the one scripts/postgres-for-tests.sh makes).
 * Tests reset its tables rather than make a database each. Test files run one at a time
 * (`--test-concurrency=1`): one process at a time may open a PGlite directory.
 */
import { openSqlClient } from '../../server/src/store/index.js';
import { migrate, STORE_TABLES, type SqlClient } from '../../server/src/store/sql.js';
import { createSqlStore, type Store } from '../../server/src/store/store.js';

export type TestDriver = 'pglite' | 'postgres';

export const TEST_DRIVER: TestDriver =
  process.env.TEST_STORE === 'postgres' ? 'postgres' : 'pglite';
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://banq:banq@127.0.0.1:5432/banq_test';
export const TEST_PGLITE_DIR = process.env.TEST_PGLITE_DIR ?? '.data/test-pglite';

/** Where a production server under test keeps its store: the same database as the tests. */
export const testStoreEnv = (): Record<string, string> =>
  TEST_DRIVER === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL } : { DATA_DIR: TEST_PGLITE_DIR };

let shared: Promise<SqlClient> | undefined;

async function open(): Promise<SqlClient> {
  const options =
    TEST_DRIVER === 'postgres' ? { databaseUrl: TEST_DATABASE_URL } : { dataDir: TEST_PGLITE_DIR };
  let client: SqlClient;
  try {
    client = await openSqlClient(options);
    await migrate(client);
  } catch (error) {
    throw new Error(
      TEST_DRIVER === 'postgres'
        ? `the PostgreSQL tests need a server at TEST_DATABASE_URL (${TEST_DATABASE_URL}): ` +
            `run scripts/postgres-for-tests.sh as root, or set TEST_DATABASE_URL (${(error as Error).message})`
        : `could not open PGlite in ${TEST_PGLITE_DIR}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return client;
}

/** The shared database's client (opened and migrated on first use). */
export const testSqlClient = () => (shared ??= open());

/** A store on the shared database; `close()` leaves the database open for the next test. */
export async function testStore(): Promise<Store> {
  const store = createSqlStore(await testSqlClient());
  return { ...store, close: async () => {} };
}

/** Empties every table and restarts the event ids. */
export async function resetStore(): Promise<void> {
  await (await testSqlClient()).query(`truncate ${STORE_TABLES.join(', ')} restart identity`);
}

/** Closes the shared database (in an `after` hook), so the PGlite directory is free for the next file. */
export async function closeTestStore(): Promise<void> {
  const client = await shared;
  shared = undefined;
  await client?.close();
}
