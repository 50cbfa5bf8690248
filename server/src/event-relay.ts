/**
 * Step 3's fan-out: every event committed to the log, by any instance, reaches this instance's
 * open streams. The database wakes the relay (LISTEN/NOTIFY, sent with the commit); the relay
 * reads the log after the last event it relayed and hands each event to the hub. The log is the
 * truth and a wake-up only a hint, so a notification lost with the connection costs nothing:
 * listening again wakes the relay too, and so does a check every few seconds.
 */
import type { EventHub } from './event-hub.js';
import type { StepLog } from './http.js';
import type { EventHint, Store } from './store/index.js';

/** Events read from the log at a time. */
const PAGE = 500;
/**
 * How often the relay reads the log unwoken: the bound on an event's delay should the
 * database's notifications stop without the connection being seen to drop.
 */
export const SAFETY_READ_MS = 5_000;

export interface EventRelay {
  /** Resolves once the relay listens (and has read where the log ends). */
  ready: Promise<void>;
  /** Stops listening; resolves once a read under way is done. */
  stop(): Promise<void>;
}

export function startEventRelay(store: Store, hub: EventHub, log: StepLog): EventRelay {
  let relayed = 0;
  let stopped = false;
  let reading: Promise<void> | undefined;
  let again = false;

  /** Reads the log after the last event relayed, until it is read to its end. */
  async function readLog(): Promise<void> {
    do {
      again = false;
      for (let page = await store.eventsSince(relayed, PAGE); ;) {
        for (const event of page) {
          relayed = event.id;
          hub.publish(event);
        }
        if (page.length < PAGE || stopped) break;
        page = await store.eventsSince(relayed, PAGE);
      }
    } while (again && !stopped);
  }

  /** A wake-up: read now, or once more after the read under way (which may have missed it). */
  function wake(hint?: EventHint): void {
    if (stopped) return;
    // The very next event, for an order no stream here waits on: nothing to read it for.
    // (Notifications come in commit order, which is id order; a gap is read for as usual.)
    if (hint && !reading && hint.id === relayed + 1 && hub.sizeOf(hint.orderId) === 0) {
      relayed = hint.id;
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    reading = readLog()
      .catch((error: Error) => log('events relay read failed', { error: error.message }, 'error'))
      .finally(() => (reading = undefined));
  }

  let unlisten: (() => Promise<void>) | undefined;
  const safety = setInterval(wake, SAFETY_READ_MS);
  safety.unref();
  const ready = (async () => {
    // From the end of the log: a stream replays what came before from the log itself.
    relayed = await store.lastEventId();
    unlisten = await store.listenEvents(wake);
  })();
  ready.catch((error: Error) => {
    // The safety reads still relay, a few seconds late.
    log('events relay not listening', { error: error.message }, 'error');
  });

  return {
    ready,
    async stop() {
      stopped = true;
      clearInterval(safety);
      await ready.catch(() => {});
      await unlisten?.();
      await reading;
    },
  };
}
