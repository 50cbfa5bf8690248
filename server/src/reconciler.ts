/**
 * The reconciler: banq retries a webhook only a few times (`retryCount: 5`), so every so often
 * the server asks banq itself about the orders that have a link, are unpaid and are recent. A
 * completed payment goes through exactly the path a verified webhook takes (./payments.ts), so
 * a payment is recorded even when every webhook delivery failed.
 */
import type { StepLog } from './http.js';
import type { PaymentBook } from './payments.js';
import { STEP } from './steps.js';
import type { Store } from './store/index.js';

export const RECONCILE_INTERVAL_MS = 60_000;
/** Older unpaid orders are abandoned carts; banq's links do not wait that long. */
const RECONCILE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * How often an instance looks whether a round is due, as a share of the interval: a round
 * starts at most a tenth of an interval late, whichever instance ran the last.
 */
const LOOKS_PER_INTERVAL = 10;
/** The schedule row the fleet's instances claim rounds by. */
const SCHEDULE = 'reconcile';
/** Orders asked about in one round, oldest first; the rest wait for the next. */
const ROUND_SIZE = 500;

export interface ReconcileRound {
  checked: number;
  paid: number;
  failed: number;
}

export interface Reconciler {
  /** One round now (a round already running is joined, not doubled). */
  run(): Promise<ReconcileRound>;
  /** No more rounds; resolves once a round under way has finished. */
  stop(): Promise<void>;
}

export function startReconciler(
  store: Store,
  book: PaymentBook,
  log: StepLog,
  intervalMs = RECONCILE_INTERVAL_MS,
): Reconciler {
  let running: Promise<ReconcileRound> | undefined;

  async function round(): Promise<ReconcileRound> {
    const result = { checked: 0, paid: 0, failed: 0 };
    const orders = await store.unpaidOrders(new Date(Date.now() - RECONCILE_WINDOW_MS), ROUND_SIZE);
    for (const { orderId, paymentId } of orders) {
      result.checked++;
      try {
        const booking = await book.book(paymentId, await book.fetch(paymentId));
        if (booking.outcome === 'paid') {
          result.paid++;
          log(STEP.reconcilerFoundPayment, { orderId, paymentId });
        }
      } catch (error) {
        result.failed++;
        log(STEP.reconcileFailed, { orderId, paymentId, error: (error as Error).message }, 'error');
      }
    }
    return result;
  }

  const run = () =>
    (running ??= round().finally(() => {
      running = undefined;
    }));
  let stopped = false;
  /** The look under way: stop() waits for it, lest a claim answered late start a round after. */
  let looking: Promise<void> | undefined;
  /** One round per interval for the whole fleet: the instance that claims it in the database runs it. */
  const due = async () => {
    if (!running && (await store.claimRun(SCHEDULE, intervalMs)) && !stopped) await run();
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          looking ??= due()
            .catch((error: unknown) =>
              log(STEP.reconcileFailed, { error: (error as Error).message }, 'error'),
            )
            .finally(() => (looking = undefined));
        }, intervalMs / LOOKS_PER_INTERVAL)
      : undefined;
  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await looking;
      await running?.catch(() => {});
    },
  };
}
