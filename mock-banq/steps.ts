/**
 * The names of the mock banq's steps, as it reports them to its `log` (the demo shows them as
 * `banq: …` and follows some by name). Like server/src/steps.ts for the reference backend: each
 * name in one place, no number or id in it (those go in the step's detail).
 */
export const MOCK_STEP = {
  // Auth0's token endpoint (auth.ts).
  tokenIssued: 'token issued',
  tokenRefused: 'token refused',
  // banq's API (api.ts).
  apiCallRefused: 'API call refused',
  paymentLinkCreated: 'payment link created',
  webhookConfigSaved: 'webhook config saved',
  // The hosted payment page (hosted-page.ts).
  paymentCompleted: 'payment completed',
  hostedPageNotFrameable: 'hosted page not frameable',
  // Webhook delivery (webhook-delivery.ts).
  webhookDelivered: 'webhook delivered',
  webhookRetrying: 'webhook failed, retrying',
  webhookGaveUp: 'webhook failed, giving up',
  webhookSkipped: 'webhook skipped',
  webhookCrashed: 'webhook crashed',
} as const;

/** One of the mock banq's step names. */
export type MockStep = (typeof MOCK_STEP)[keyof typeof MOCK_STEP];
