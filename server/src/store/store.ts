/**
 * The store: everything the backend keeps, behind one small interface, on one schema
 * (./sql.ts) for both drivers. Orders (the merchant's terms, banq's link and payment id,
 * status), the append-only log of order events (the SSE ids), banq's webhook deliveries
 * already processed, payments kept for review, and server secrets.
 */
import { cents } from '../money.js';
import type { SqlClient, SqlQuery } from './sql.js';

/** An order's terms, from the merchant's `resolveOrder`; fixed once its link exists. */
export interface OrderTerms {
  funds: number;
  comment: string;
  frequency?: string;
  startDate?: string;
  endDate?: string;
}

export interface Order extends OrderTerms {
  orderId: string;
  /** `claiming` while banq is asked for the link, `open` with a link, `paid` once banq confirmed. */
  status: 'claiming' | 'open' | 'paid';
  url?: string;
  /** banq's payment id for the order's link. */
  paymentId?: string;
  /** The payment that paid it (the link's, as a rule). */
  paidPaymentId?: string;
  /** The page's `metadata`, as the request that claimed the link sent it: the shopper's word. */
  metadata?: Record<string, unknown>;
  createdAt: Date;
}

/** Which event a notification announced: no more than its id and its order's. */
export interface EventHint {
  id: number;
  orderId: string;
}

/** What the browser is told over the events stream; `id` is the SSE id. */
export interface OrderEvent {
  id: number;
  orderId: string;
  status: 'completed';
  paymentId: string;
}

/** A completed payment that could not be booked: no such order, or another amount. */
export interface PaymentReview {
  paymentId: string;
  orderId?: string;
  funds?: number;
  expected?: number;
  reason: string;
}

export type LinkClaim = { claimed: true; claimId: string } | { claimed: false; order: Order };

export interface Store {
  getOrder(orderId: string): Promise<Order | undefined>;
  /**
   * Claims the right to ask banq for the order's link, for `holdMs` (then another may take it
   * over): `claimed` for exactly one caller across every instance; the others get the order.
   */
  claimLink(
    orderId: string,
    terms: OrderTerms,
    holdMs: number,
    metadata?: Record<string, unknown>,
  ): Promise<LinkClaim>;
  /**
   * Keeps banq's link for the order claimed with `claimId`: from now on every request answers
   * it. Throws when the claim is no longer the caller's (it expired and was taken over).
   */
  saveLink(orderId: string, claimId: string, url: string, paymentId?: string): Promise<void>;
  /** Gives up the caller's claim when banq made no link: the order may be asked for again. */
  releaseClaim(orderId: string, claimId: string): Promise<void>;
  /**
   * Marks the order paid, if it is unpaid and for `funds`, appends its event and, given
   * banq's delivery id, records the delivery as processed, in one statement; undefined when
   * nothing changed (no such order, another amount, paid already).
   */
  markPaid(
    orderId: string,
    paymentId: string,
    funds: number,
    deliveryId?: string,
  ): Promise<OrderEvent | undefined>;
  /** The order's events after `afterId`, oldest first. */
  eventsAfter(orderId: string, afterId: number): Promise<OrderEvent[]>;
  /** Up to `limit` events of any order after `afterId`, oldest first: ids follow commit order. */
  eventsSince(afterId: number, limit: number): Promise<OrderEvent[]>;
  /** The id of the last event in the log (0 when there is none). */
  lastEventId(): Promise<number>;
  /**
   * Wakes `onWake` for each event committed by any instance (a notification, after its
   * commit), and when notifications may have been missed (listening again after a lost
   * connection): the log is the truth, the wake-up only says to read it. A notification's
   * wake-up says which event it was; a re-listen's says nothing. Resolves with the stop.
   */
  listenEvents(onWake: (event?: EventHint) => void): Promise<() => Promise<void>>;
  hasDelivery(eventId: string): Promise<boolean>;
  addDelivery(eventId: string, paymentId: string): Promise<void>;
  /** Keeps a payment for review; false when it is kept already. */
  addReview(review: PaymentReview): Promise<boolean>;
  reviews(): Promise<PaymentReview[]>;
  /**
   * Up to `limit` orders with a link, unpaid, created after `since`, those asked about
   * longest ago (or never) first, marked as asked now: the reconciler's round.
   */
  unpaidOrders(since: Date, limit: number): Promise<{ orderId: string; paymentId: string }[]>;
  /**
   * Claims the job `name`'s next run for the whole fleet: true for one caller once the last
   * run, by any instance, started at least `intervalMs` ago (or never did), marking it started now.
   */
  claimRun(name: string, intervalMs: number): Promise<boolean>;
  /** A server setting, made by `create` the first time any instance asks. */
  setting(name: string, create: () => string): Promise<string>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface OrderRow {
  order_id: string;
  funds_cents: string | number;
  comment: string;
  frequency: string | null;
  start_date: string | null;
  end_date: string | null;
  status: Order['status'];
  url: string | null;
  payment_id: string | null;
  paid_payment_id: string | null;
  metadata: Record<string, unknown> | null;
  created_at: Date | string;
}

function toOrder(row: OrderRow): Order {
  return {
    orderId: row.order_id,
    funds: Number(row.funds_cents) / 100,
    comment: row.comment,
    ...(row.frequency !== null && { frequency: row.frequency }),
    ...(row.start_date !== null && { startDate: row.start_date }),
    ...(row.end_date !== null && { endDate: row.end_date }),
    status: row.status,
    ...(row.url !== null && { url: row.url }),
    ...(row.payment_id !== null && { paymentId: row.payment_id }),
    ...(row.paid_payment_id !== null && { paidPaymentId: row.paid_payment_id }),
    // jsonb comes back parsed, from both drivers.
    ...(row.metadata !== null && { metadata: row.metadata }),
    createdAt: new Date(row.created_at),
  };
}

interface EventRow {
  id: string;
  order_id: string;
  payment_id: string;
}

const toEvent = (row: EventRow): OrderEvent => ({
  id: Number(row.id),
  orderId: row.order_id,
  status: 'completed',
  paymentId: row.payment_id,
});

/** Where every instance hears of a new event: the payload is `{event id}:{order id}`, no more. */
const EVENTS_CHANNEL = 'banq_order_events';
/** Any number: the key of the lock that serialises appends to the event log. */
const EVENT_LOG_LOCK = 7_221_410_002;

const one = async <Row extends object>(
  db: SqlQuery,
  text: string,
  params: unknown[],
): Promise<Row | undefined> => (await db.query<Row>(text, params))[0];

/**
 * The store on a migrated database: its methods grouped by what they keep, each group on the
 * one client.
 */
export function createSqlStore(db: SqlClient): Store {
  return {
    ...orderLinks(db),
    ...eventLog(db),
    ...webhookRecords(db),
    ...reconcilerRounds(db),
    ...serverRecords(db),
  };
}

/**
 * Orders and their links (step 1): one claim per order across every instance, banq's link kept
 * by the claim's holder only. claimLink calls through `this`, the store it is called on (a
 * wrapper of it included), not this group.
 */
function orderLinks(
  db: SqlClient,
): Pick<Store, 'getOrder' | 'claimLink' | 'saveLink' | 'releaseClaim'> {
  return {
    async getOrder(orderId) {
      const row = await one<OrderRow>(db, 'select * from orders where order_id = $1', [orderId]);
      return row && toOrder(row);
    },

    async claimLink(orderId, terms, holdMs, metadata) {
      const claimId = crypto.randomUUID();
      // Inserted, or an expired claim (its instance died asking banq) taken over: ours.
      const claimed = await one(
        db,
        `insert into orders (order_id, funds_cents, comment, frequency, start_date, end_date,
                             status, claim_expires_at, claim_id, metadata)
         values ($1, $2, $3, $4, $5, $6, 'claiming', now() + $7 * interval '1 millisecond', $8,
                 $9::text::jsonb)
         on conflict (order_id) do update set
           funds_cents = excluded.funds_cents, comment = excluded.comment,
           frequency = excluded.frequency, start_date = excluded.start_date,
           end_date = excluded.end_date, claim_expires_at = excluded.claim_expires_at,
           claim_id = excluded.claim_id, metadata = excluded.metadata
         where orders.status = 'claiming' and orders.claim_expires_at < now()
         returning order_id`,
        [
          orderId,
          cents(terms.funds),
          terms.comment,
          terms.frequency ?? null,
          terms.startDate ?? null,
          terms.endDate ?? null,
          holdMs,
          claimId,
          metadata === undefined ? null : JSON.stringify(metadata),
        ],
      );
      if (claimed) return { claimed: true, claimId };
      const order = await this.getOrder(orderId);
      // Released between the two statements: try again.
      return order ? { claimed: false, order } : this.claimLink(orderId, terms, holdMs, metadata);
    },

    async saveLink(orderId, claimId, url, paymentId) {
      const saved = await one(
        db,
        `update orders set status = 'open', url = $3, payment_id = $4,
                           claim_expires_at = null, claim_id = null
         where order_id = $1 and status = 'claiming' and claim_id = $2
         returning order_id`,
        [orderId, claimId, url, paymentId ?? null],
      );
      if (!saved)
        throw new Error(`the link claim on order ${orderId} expired before banq answered`);
    },

    async releaseClaim(orderId, claimId) {
      await db.query(
        `delete from orders where order_id = $1 and status = 'claiming' and claim_id = $2`,
        [orderId, claimId],
      );
    },
  };
}

/** Payments booked (step 2) and the append-only event log they add to (step 3 reads it). */
function eventLog(
  db: SqlClient,
): Pick<Store, 'markPaid' | 'eventsAfter' | 'eventsSince' | 'lastEventId' | 'listenEvents'> {
  return {
    async markPaid(orderId, paymentId, funds, deliveryId) {
      // One statement, one commit: the webhook's hot path. The event log's lock, held to the
      // commit, makes event ids follow commit order, so an instance reading the log after the
      // last id it relayed never skips one; the notification goes out with the commit.
      const row = await one<EventRow>(
        db,
        `with event_log_lock as (select pg_advisory_xact_lock($5) as locked),
         paid as (
           update orders set status = 'paid', paid_payment_id = $2, paid_at = now(),
                             claim_expires_at = null
           where order_id = $1 and status <> 'paid' and funds_cents = $3
             and exists (select from event_log_lock)
           returning order_id),
         delivered as (
           insert into webhook_deliveries (event_id, payment_id)
           select $4, $2 from paid where $4::text is not null
           on conflict (event_id) do nothing),
         appended as (
           insert into order_events (order_id, status, payment_id)
           select order_id, 'completed', $2 from paid
           returning id, order_id, payment_id)
         select id::text as id, order_id, payment_id,
                pg_notify('${EVENTS_CHANNEL}', id::text || ':' || order_id)::text as notified
         from appended`,
        [orderId, paymentId, cents(funds), deliveryId ?? null, EVENT_LOG_LOCK],
      );
      return row && toEvent(row);
    },

    async eventsAfter(orderId, afterId) {
      const rows = await db.query<EventRow>(
        `select id::text as id, order_id, payment_id from order_events
         where order_id = $1 and id > $2 order by id`,
        [orderId, afterId],
      );
      return rows.map(toEvent);
    },

    async eventsSince(afterId, limit) {
      const rows = await db.query<EventRow>(
        `select id::text as id, order_id, payment_id from order_events
         where id > $1 order by id limit $2`,
        [afterId, limit],
      );
      return rows.map(toEvent);
    },

    async lastEventId() {
      const row = await one<{ id: string | null }>(
        db,
        'select max(id)::text as id from order_events',
        [],
      );
      return Number(row?.id ?? 0);
    },

    listenEvents: (onWake) =>
      db.listen(
        EVENTS_CHANNEL,
        (payload) => {
          // `{event id}:{order id}`, as markPaid sends it; anything else is a bare wake-up.
          const [, id, orderId] = /^(\d+):(.+)$/.exec(payload) ?? [];
          onWake(orderId ? { id: Number(id), orderId } : undefined);
        },
        () => onWake(),
      ),
  };
}

/** banq's webhook deliveries already processed, and the payments kept for a person to review. */
function webhookRecords(
  db: SqlClient,
): Pick<Store, 'hasDelivery' | 'addDelivery' | 'addReview' | 'reviews'> {
  return {
    async hasDelivery(eventId) {
      return Boolean(
        await one(db, 'select 1 as found from webhook_deliveries where event_id = $1', [eventId]),
      );
    },

    async addDelivery(eventId, paymentId) {
      await db.query(
        `insert into webhook_deliveries (event_id, payment_id) values ($1, $2)
         on conflict (event_id) do nothing`,
        [eventId, paymentId],
      );
    },

    async addReview({ paymentId, orderId, funds, expected, reason }) {
      const row = await one(
        db,
        `insert into payment_reviews (payment_id, order_id, funds_cents, expected_cents, reason)
         values ($1, $2, $3, $4, $5) on conflict (payment_id) do nothing returning payment_id`,
        [
          paymentId,
          orderId ?? null,
          funds === undefined ? null : cents(funds),
          expected === undefined ? null : cents(expected),
          reason,
        ],
      );
      return Boolean(row);
    },

    async reviews() {
      const rows = await db.query<{
        payment_id: string;
        order_id: string | null;
        funds_cents: string | number | null;
        expected_cents: string | number | null;
        reason: string;
      }>('select * from payment_reviews order by created_at, payment_id');
      return rows.map((row) => ({
        paymentId: row.payment_id,
        ...(row.order_id !== null && { orderId: row.order_id }),
        ...(row.funds_cents !== null && { funds: Number(row.funds_cents) / 100 }),
        ...(row.expected_cents !== null && { expected: Number(row.expected_cents) / 100 }),
        reason: row.reason,
      }));
    },
  };
}

/** The reconciler's (step 2a): the unpaid orders of a round, and the fleet-wide claim on a round. */
function reconcilerRounds(db: SqlClient): Pick<Store, 'unpaidOrders' | 'claimRun'> {
  return {
    async unpaidOrders(since, limit) {
      const rows = await db.query<{ order_id: string; payment_id: string }>(
        `update orders set reconciled_at = now()
         where order_id in (
           select order_id from orders
           where status = 'open' and payment_id is not null and created_at > $1
           order by reconciled_at nulls first, created_at desc
           limit $2 for update skip locked)
         returning order_id, payment_id`,
        [since.toISOString(), limit],
      );
      return rows.map((row) => ({ orderId: row.order_id, paymentId: row.payment_id }));
    },

    async claimRun(name, intervalMs) {
      // One conditional statement: of instances asking together, the row lock lets one through.
      const claimed = await one(
        db,
        `insert into schedules (name, started_at) values ($1, now())
         on conflict (name) do update set started_at = now()
         where schedules.started_at <= now() - $2 * interval '1 millisecond'
         returning name`,
        [name, intervalMs],
      );
      return Boolean(claimed);
    },
  };
}

/** The server's own: the settings every instance shares, and the database connection. */
function serverRecords(db: SqlClient): Pick<Store, 'setting' | 'ping' | 'close'> {
  return {
    async setting(name, create) {
      // One statement: the value kept first, by whichever instance got there.
      const row = await one<{ value: string }>(
        db,
        `insert into settings (name, value) values ($1, $2)
         on conflict (name) do update set value = settings.value returning value`,
        [name, create()],
      );
      if (!row) throw new Error(`setting ${name} was not kept`);
      return row.value;
    },

    async ping() {
      await db.query('select 1');
    },

    close: () => db.close(),
  };
}
