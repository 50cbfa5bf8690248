/**
 * The one schema both drivers share, and the smallest client interface the store needs:
 * a parameterised query and a transaction. PGlite and PostgreSQL speak the same SQL, so the
 * store above this is one code path for the embedded database and the server.
 */

/** A parameterised query (`$1`, `$2`, …) that answers rows. */
export interface SqlQuery {
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A database: queries, transactions (committed when `work` resolves, rolled back when it throws), close. */
export interface SqlClient extends SqlQuery {
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /**
   * `LISTEN`s on `channel` (PostgreSQL: on one connection of its own, used for nothing else):
   * `onNotify` gets each payload; `onListening` runs once listening, and again each time a lost
   * connection is back, when notifications sent meanwhile are gone. Resolves with the unlisten.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListening: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The migrations, in order; each runs once per database, inside one transaction. Never edit
 * one that has shipped: add the next.
 */
export const MIGRATIONS: readonly string[] = [
  `
  create table orders (
    order_id      text primary key,
    -- The merchant's terms, as resolveOrder answered them when the link was claimed.
    funds_cents   bigint not null,
    comment       text not null,
    frequency     text,
    start_date    text,
    end_date      text,
    -- 'claiming' while banq is asked (claim_expires_at bounds it), 'open' with a link, 'paid'.
    status        text not null check (status in ('claiming', 'open', 'paid')),
    claim_expires_at timestamptz,
    url           text,
    payment_id    text,
    paid_payment_id text,
    created_at    timestamptz not null default now(),
    paid_at       timestamptz
  );
  create index orders_unpaid on orders (created_at) where status = 'open';

  -- Append-only: ids are the SSE ids browsers resume from, rising across restarts.
  create table order_events (
    id          bigserial primary key,
    order_id    text not null,
    status      text not null,
    payment_id  text not null,
    created_at  timestamptz not null default now()
  );
  create index order_events_by_order on order_events (order_id, id);

  -- banq's webhook deliveries already processed (banq retries; the second changes nothing).
  create table webhook_deliveries (
    event_id     text primary key,
    payment_id   text not null,
    processed_at timestamptz not null default now()
  );

  -- Completed payments that match no order, or not its amount: kept for a person to look at.
  create table payment_reviews (
    payment_id     text primary key,
    order_id       text,
    funds_cents    bigint,
    expected_cents bigint,
    reason         text not null,
    created_at     timestamptz not null default now()
  );

  -- Server secrets made at first start (the events token key when EVENTS_SECRET is not set).
  create table settings (
    name  text primary key,
    value text not null
  );
  `,
  `
  -- Who holds a link claim: only its holder may save the link or give the claim up.
  alter table orders add column claim_id text;
  -- When the reconciler last asked banq about the order: each round asks the longest unasked.
  alter table orders add column reconciled_at timestamptz;
  `,
  `
  -- The page's metadata (the element's \`metadata\`) from the request that claimed the link.
  alter table orders add column metadata jsonb;
  `,
  `
  -- When a fleet-wide job (the reconciler's round) last started, by any instance.
  create table schedules (
    name       text primary key,
    started_at timestamptz not null
  );
  `,
];

/** Every table the migrations make, but their own record: what a reset empties. */
export const STORE_TABLES = [
  'orders',
  'order_events',
  'webhook_deliveries',
  'payment_reviews',
  'settings',
  'schedules',
] as const;

/** Any number: the key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_221_410_001;

/** Runs the migrations not yet run. Safe when several instances start together on one database. */
export async function migrate(client: SqlClient): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'create table if not exists schema_migrations (version integer primary key, at timestamptz not null default now())',
    );
    // Number(): whatever type a driver gives an integer column, the versions compare as numbers.
    const done = await tx.query<{ version: unknown }>('select version from schema_migrations');
    const applied = new Set(done.map((row) => Number(row.version)));
    for (const [index, statements] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      for (const statement of splitStatements(statements)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
    }
  });
}

/** A migration's statements one by one (a parameterised query takes one statement). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}
