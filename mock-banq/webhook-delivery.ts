/**
 * banq's webhooks: a completed payment's event, POSTed a moment later (a queue) to the URL its
 * account space registered, retried `retryCount` times with doubling backoff; each attempt kept.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  EVENT_ID_PREFIX,
  WEBHOOK_ACTION_COMPLETED,
  WEBHOOK_RESOURCE_PAYMENT,
  WEBHOOK_TIMEOUT_MS,
  type BanqPayment,
  type BanqWebhookEvent,
  type StoredWebhookConfig,
} from '../server/src/banq-contract.js';
import type { Delivery, MockBanqState } from './state.js';
import { MOCK_STEP } from './steps.js';

export interface WebhookDelivery {
  /** Queues the event of `payment`'s completion, if its account space wants payment webhooks. */
  paymentCompleted(payment: BanqPayment): void;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

/** One POST of the event: the receiver's status, or why there is none. */
async function post(
  url: string,
  body: string,
): Promise<{ status: number; error?: undefined } | { status?: undefined; error: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'banq-webhooks (mock)' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (caught) {
    return { error: describeError(caught) };
  }
}

/** The webhook config of the payment's account space, if it wants payment events; else why not. */
function configFor(
  state: MockBanqState,
  payment: BanqPayment,
): { config: StoredWebhookConfig } | { skipped: string } {
  const banqAccount = state.banqAccounts.find((a) => a.guid === payment.destination.banqGuid);
  const config = banqAccount && state.webhookConfigs.get(banqAccount.accountSpaceId);
  if (!config) return { skipped: 'no webhook config for the account space' };
  if (!config.enabled) return { skipped: 'webhook config disabled' };
  if (!config.webHookTypes.includes('payment')) {
    return { skipped: "webhook config has no 'payment' type" };
  }
  return { config };
}

export function createWebhookDelivery(state: MockBanqState): WebhookDelivery {
  const backoffMs = state.options.webhookBackoffMs ?? 500;
  const webhookDelayMs = state.options.webhookDelayMs ?? 1500;
  const { log } = state;

  async function deliver(event: BanqWebhookEvent, config: StoredWebhookConfig): Promise<void> {
    const body = JSON.stringify(event);
    await sleep(webhookDelayMs, undefined, { ref: false });
    for (let attempt = 1; ; attempt++) {
      const { status, error } = await post(config.url, body);
      const ok = status !== undefined && status >= 200 && status < 300;
      const last = attempt > config.retryCount;
      const delivery: Delivery = {
        eventId: event.id,
        paymentId: event.resourceId,
        url: config.url,
        attempt,
        at: new Date().toISOString(),
        ...(status !== undefined ? { status } : { error }),
        outcome: ok ? 'delivered' : last ? 'gave-up' : 'retrying',
      };
      state.deliveries.push(delivery);
      const detail = { eventId: event.id, paymentId: event.resourceId, url: config.url, attempt };
      if (ok) {
        log(MOCK_STEP.webhookDelivered, { ...detail, status });
        return;
      }
      const why = status !== undefined ? { status } : { error };
      if (last) {
        log(MOCK_STEP.webhookGaveUp, { ...detail, ...why, retryCount: config.retryCount });
        return;
      }
      const wait = backoffMs * 2 ** (attempt - 1);
      log(MOCK_STEP.webhookRetrying, { ...detail, ...why, retryInMs: wait });
      // Unref'd: a pending retry alone does not keep the process alive.
      await sleep(wait, undefined, { ref: false });
    }
  }

  return {
    paymentCompleted(payment) {
      const wanted = configFor(state, payment);
      if ('skipped' in wanted) {
        log(MOCK_STEP.webhookSkipped, { paymentId: payment.id, reason: wanted.skipped });
        return;
      }
      const event: BanqWebhookEvent = {
        id: `${EVENT_ID_PREFIX}${randomBytes(12).toString('hex')}`,
        action: WEBHOOK_ACTION_COMPLETED,
        resourceType: WEBHOOK_RESOURCE_PAYMENT,
        resourceId: payment.id,
        createdAt: new Date().toISOString(),
      };
      // In the background: the shopper's answer does not wait for the merchant's server.
      deliver(event, { ...wanted.config }).catch((error: unknown) =>
        log(MOCK_STEP.webhookCrashed, { eventId: event.id, error: describeError(error) }),
      );
    },
  };
}
