/** banq-checkout-server: the reference backend of `<banq-checkout>`, as a library. */
export { createBanqBackend, type BanqBackend, type BanqBackendOptions } from './backend.js';
export { BANQ_ENVIRONMENTS, DEFAULT_AUDIENCE, type BanqSettings } from './config.js';
export type { StepLog } from './http.js';
export { STEP, type Step } from './steps.js';
export {
  ordersFromUrl,
  OrdersUnavailableError,
  type OrderRequestContext,
  type ResolveOrder,
} from './resolve-order.js';
export { registerWebhook, webhookUrl, type Registration } from './register-webhook.js';
export { createBanqApi, BanqApiError, type BanqApi } from './banq-api.js';
export { TokenSource } from './token.js';
export { openStore, DEFAULT_DATA_DIR, type StoreOptions } from './store/index.js';
export type { Order, OrderEvent, OrderTerms, PaymentReview, Store } from './store/index.js';
