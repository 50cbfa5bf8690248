/**
 * What one mock banq knows, shared by all its surfaces: the options it was made with, its one
 * merchant, and in memory the tokens it issued, the payments, webhook configs and deliveries.
 */
import { randomUUID } from 'node:crypto';
import type {
  BanqPayment,
  BanqUser,
  PaymentChannel,
  StoredWebhookConfig,
  USERS_ME_INCLUDE,
} from '../server/src/banq-contract.js';
import type { MockStep } from './steps.js';

export interface MockBanqOptions {
  /** What the token endpoint accepts. */
  clientId: string;
  username: string;
  password: string;
  audience: string;
  /** `expires_in` of issued tokens, in seconds; default 3600. A fraction is allowed (tests). */
  tokenTtlSeconds?: number;
  /** First retry delay of a failed webhook delivery, doubling each retry; default 500. */
  webhookBackoffMs?: number;
  /**
   * How long after a payment banq's first webhook delivery starts; default 1500. Assumed: webhooks
   * come from a queue, a moment after the payment, so a shopper paying in the popup is told by the
   * widget first, as with real banq.
   */
  webhookDelayMs?: number;
  /**
   * The merchant's site origins (`scheme://host[:port]`) allowed to frame the hosted payment
   * page, as a merchant would register them with banq. By default any http(s) origin the widget
   * names may (the demo needs no configuration). See HOSTED_PAGE_ORIGIN_PARAM.
   */
  allowedOrigins?: readonly string[];
  /** Each thing banq does, for the demo's live server log. */
  log?: (step: MockStep, detail?: Record<string, unknown>) => void;
}

/** The mock's one merchant. Not an assumption about banq: just the demo shop's name. */
export const MERCHANT_NAME = 'Northwind Coffee';

/** A payment and what only the mock knows of it. */
export interface PaymentRecord {
  payment: BanqPayment;
  url: string;
  paidVia?: PaymentChannel;
}

/** One attempt to deliver a webhook event, as /_mock/state lists it. */
export interface Delivery {
  eventId: string;
  paymentId: string;
  url: string;
  attempt: number;
  at: string;
  status?: number;
  error?: string;
  outcome: 'delivered' | 'retrying' | 'gave-up';
}

type BanqAccount = NonNullable<BanqUser['banqAccounts']>[number];
type AccountSpace = NonNullable<BanqUser['accountSpaces']>[number];
type UserRelation = (typeof USERS_ME_INCLUDE)[number];

export interface MockBanqState {
  readonly options: MockBanqOptions;
  /** options.log, made safe: a failing logger must not break banq. */
  readonly log: (step: MockStep, detail?: Record<string, unknown>) => void;
  /** The one merchant, as users/me names it; then its one account space and one banq account. */
  readonly merchant: { id: string; email: string };
  readonly accountSpaces: readonly AccountSpace[];
  readonly banqAccounts: readonly BanqAccount[];
  /** access token → expiry (ms since epoch). */
  readonly tokens: Map<string, number>;
  tokensIssued: number;
  /** payment id → payment. */
  readonly payments: Map<string, PaymentRecord>;
  /** account space id → its webhook config. */
  readonly webhookConfigs: Map<string, StoredWebhookConfig>;
  readonly deliveries: Delivery[];
}

export function createMockState(options: MockBanqOptions): MockBanqState {
  const accountSpace = { id: randomUUID(), name: MERCHANT_NAME };
  const banqAccount = {
    guid: randomUUID(),
    accountSpaceId: accountSpace.id,
    name: `${MERCHANT_NAME} · Business`,
  };
  return {
    options,
    log: (step, detail) => {
      try {
        options.log?.(step, detail);
      } catch {
        // A failing logger must not break banq.
      }
    },
    merchant: { id: randomUUID(), email: options.username },
    accountSpaces: [accountSpace],
    banqAccounts: [banqAccount],
    tokens: new Map(),
    tokensIssued: 0,
    payments: new Map(),
    webhookConfigs: new Map(),
    deliveries: [],
  };
}

/** The merchant as users/me answers it, with the relations named in `include`. */
export function userOf(state: MockBanqState, include: ReadonlySet<string>): BanqUser {
  const wants = (relation: UserRelation) => include.has(relation);
  return {
    id: state.merchant.id,
    email: state.merchant.email,
    ...(wants('accountSpaces')
      ? { accountSpaces: state.accountSpaces.map((s) => ({ ...s })) }
      : {}),
    ...(wants('banqAccounts') ? { banqAccounts: state.banqAccounts.map((a) => ({ ...a })) } : {}),
  };
}
