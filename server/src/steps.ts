/**
 * The names of the steps the backend reports to its logger (`StepLog`), each in one place.
 * They are the `step` of each JSON line in production, the `step` label of the
 * `banq_checkout_steps_total` metric, and what the demo's live log follows. Merchants filter
 * and alert on them, so a name never changes: a new step gets a new name.
 */
export const STEP = {
  // Payment links (payment-link.ts, guards.ts).
  linkMade: 'link made',
  linkFailed: 'link failed',
  linkNotKept: 'link not kept',
  orderLookupFailed: 'order lookup failed',
  rateLimitOff: 'rate limit off',
  // banq's webhook and the payments it names (webhooks.ts, payments.ts, reconciler.ts).
  webhookReceived: 'webhook received',
  paymentNotVerified: 'payment not verified',
  paymentVerified: 'payment verified',
  paymentNeedsReview: 'payment needs review',
  reconcilerFoundPayment: 'reconciler found a payment',
  reconcileFailed: 'reconcile failed',
  // The browser's event stream (payment-events.ts, event-relay.ts).
  browserTold: 'browser told',
  streamDropped: 'stream dropped',
  eventsReplayFailed: 'events replay failed',
  eventsRelayReadFailed: 'events relay read failed',
  eventsRelayNotListening: 'events relay not listening',
  // Any route (http.ts).
  requestFailed: 'request failed',
  // The production entry (main.ts).
  startFailed: 'start failed',
  storeReady: 'store ready',
  listening: 'listening',
  shuttingDown: 'shutting down',
  stoppedWaitingForWork: 'stopped waiting for work in flight',
  stopped: 'stopped',
  shutdownFailed: 'shutdown failed',
} as const;

/** One of the backend's step names. */
export type Step = (typeof STEP)[keyof typeof STEP];
