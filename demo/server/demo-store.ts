/**
 * The demo's store: the library's embedded PGlite in a data directory, emptied at every
 * start. The mock banq and the shop's orders live in memory and start empty, so orders kept
 * from an earlier run would name payments banq no longer knows (and the reconciler would ask
 * banq about them every minute). The directory is kept only because a new database takes
 * seconds to make and an existing one a fraction of a second to reopen.
 */
import { openSqlClient } from '../../server/src/store/index.js';
import { migrate } from '../../server/src/store/sql.js';
import { createSqlStore, type Store } from '../../server/src/store/store.js';

/** Opens (creating on first use) and empties the store in `dataDir`; `memory://` keeps none. */
export async function openDemoStore(dataDir: string): Promise<Store> {
  const client = await openSqlClient({ dataDir });
  try {
    await migrate(client);
    const tables = await client.query<{ name: string }>(
      `select tablename as name from pg_tables
       where schemaname = current_schema() and tablename <> 'schema_migrations'`,
    );
    if (tables.length)
      await client.query(
        `truncate ${tables.map(({ name }) => `"${name}"`).join(', ')} restart identity`,
      );
  } catch (error) {
    await client.close().catch(() => {});
    throw new Error(
      `could not open the demo's database in ${dataDir} (${(error as Error).message}); ` +
        'it holds nothing that outlives a run: delete the folder and start again',
      { cause: error },
    );
  }
  return createSqlStore(client);
}
