/**
 * Step 3's fan-out: every event committed to the log, by any instance, reaches this instance's
 * open streams. The database wakes the relay (LISTEN/NOTIFY, sent with the commit); the relay
 * reads the log after the last event it relayed and hands each event to the hub. The log is the
 * truth and a wake-up only a hint, so a notification lost with the connection costs nothing:
 * listening again wakes the relay too, and so does a check every few seconds.
 */
import type { EventHub } from './event-hub.js';
import type { StepLog } from './http.js';
import { STEP } from './steps.js';
import type { EventHint, Store } from './store/index.js';

/** Events read from the log at a time. */
const PAGE = 500;
/**
 * How often the relay reads the log unwoken: the bound on an event's delay should the
 * database's notifications stop without the connection being seen to drop.
 */
export const SAFETY_READ_MS = 5_000;
/** How soon a failed read is tried again when a wake-up came during it. */
const RETRY_MS = 250;

export interface EventRelay {
  /** Resolves once the relay listens (and has read where the log ends). */
  ready: Promise<void>;
  /** Stops listening; resolves once a read under way is done. */
  stop(): Promise<void>;
}

/**
 * Starts relaying: from where the log ends, woken by the store's notifications once it listens,
 * and by a safety read every SAFETY_READ_MS whether or not it does.
 */
export function startEventRelay(store: Store, hub: EventHub, log: StepLog): EventRelay {
  const reader = logReader(store, hub, log);
  let unlisten: (() => Promise<void>) | undefined;
  /** Finds where the log ends and listens; until it has, every safety tick tries again. */
  async function start(): Promise<void> {
    // From the end of the log, once: a stream replays what came before from the log itself,
    // and a retry must not jump past what came since.
    if (!reader.started) await reader.startAtEnd();
    unlisten = await store.listenEvents(reader.wake);
  }
  let starting: Promise<void> | undefined = start();
  const ready = starting;
  const retry = (error: Error) => {
    log(STEP.eventsRelayNotListening, { error: error.message }, 'error');
    starting = undefined;
  };
  starting.catch(retry);
  // Reads the log whether or not the relay listens: with LISTEN refused (no connection to spare,
  // a pooler that will not), this is how events still arrive, if later.
  const safety = setInterval(() => {
    reader.wake();
    if (!unlisten && !starting && !reader.stopped) (starting = start()).catch(retry);
  }, SAFETY_READ_MS);
  safety.unref();

  return {
    ready,
    async stop() {
      reader.stop();
      clearInterval(safety);
      await starting?.catch(() => {});
      // The database may be gone by now: the connection goes with the store anyway.
      await unlisten?.().catch(() => {});
      await reader.reading();
    },
  };
}

/**
 * The relay's reading: where in the log it is, and the wake-ups that read on from there to
 * the log's end, one read at a time, handing each event to the hub.
 */
function logReader(store: Store, hub: EventHub, log: StepLog) {
  let relayed = 0;
  let stopped = false;
  let reading: Promise<void> | undefined;
  let again = false;
  /** Where the log ends is known: reads may start from there. */
  let started = false;

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
      // wake() sets `again` while the read awaits, which TypeScript's narrowing does not see.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    } while (again && !stopped);
  }

  /** A wake-up: read now, or once more after the read under way (which may have missed it). */
  function wake(hint?: EventHint): void {
    if (stopped) return;
    // The very next event, for an order no stream here waits on: nothing to read it for.
    // (Notifications come in commit order, which is id order; a gap is read for as usual.)
    if (!started || (hint && hint.id <= relayed)) return;
    if (hint && !reading && hint.id === relayed + 1 && hub.sizeOf(hint.orderId) === 0) {
      relayed = hint.id;
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    reading = readLog()
      .catch((error: unknown) => {
        log(STEP.eventsRelayReadFailed, { error: (error as Error).message }, 'error');
        // A wake-up that came meanwhile is read for soon, not at the next safety read.
        if (again) setTimeout(wake, RETRY_MS).unref();
      })
      .finally(() => (reading = undefined));
  }

  /** Reads from where the log ends now on: what came before is the streams' own replay. */
  async function startAtEnd(): Promise<void> {
    relayed = await store.lastEventId();
    started = true;
    // A stream opened before this replayed the log as it then was, and this relay starts
    // past whatever came since: it reconnects, and replays from its Last-Event-ID.
    if (hub.size > 0) hub.endAll();
  }

  return {
    wake,
    startAtEnd,
    /** Reads no more: a read under way stops after its page. */
    stop() {
      stopped = true;
    },
    get stopped() {
      return stopped;
    },
    get started() {
      return started;
    },
    /** The read under way, if any. */
    reading: () => reading,
  };
}
