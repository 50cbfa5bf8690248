import { BanqCheckoutError } from './errors.js';
import type { PaymentLinkRequest } from './types.js';

/**
 * Why these values cannot make a payment link, naming the attribute to fix;
 * empty when they can. Checked before anything is sent, so bad input never
 * reaches the backend.
 */
export function paymentRequestProblem(
  orderId: string | undefined,
  funds: number,
  /** What the page wrote, for the message: `funds="ten"` is NaN by now. */
  fundsText: unknown,
  hasBackend: boolean,
): string {
  if (!orderId?.trim()) return "order-id is empty: set it to the order's id";
  // Cents, compared with a tolerance because 0.29 * 100 is 28.999999999999996.
  const cents = funds * 100;
  if (!(cents > 0 && Number.isFinite(cents)) || Math.abs(cents - Math.round(cents)) > 1e-6)
    return `funds must be a number above 0 with at most two decimals, not "${fundsText}"`;
  return hasBackend ? '' : 'backend-url is not set: set it to your payment-link endpoint';
}

/**
 * POSTs the request to the merchant's intermediary endpoint and resolves with
 * the payment link from `{data: {url}}` (the guide's shape) or `{url}`, and the
 * order's events token when the answer carries one (`data.eventsToken`).
 * Aborting `signal` (the element was removed or destroyed) rejects with the
 * abort itself; every other failure is a `payment-link` error saying what the
 * backend did.
 */
export async function fetchPaymentLink(
  backendUrl: string,
  request: PaymentLinkRequest,
  headers: Record<string, string> | undefined,
  timeout: number,
  signal: AbortSignal,
): Promise<[url: string, eventsToken?: string]> {
  const fail = (message: string, cause?: unknown) =>
    new BanqCheckoutError('payment-link', `backend-url ${message}`, { cause });
  let response: Response;
  let text: string;
  try {
    response = await fetch(backendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeout)]),
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    const { name, message } = error as Error;
    throw fail(
      name === 'TimeoutError'
        ? `did not answer within ${timeout} ms`
        : `(${backendUrl}) could not be reached: ${message}`,
      error,
    );
  }
  let body:
    | {
        data?: { url?: unknown; eventsToken?: string };
        url?: unknown;
        error?: { message?: unknown };
      }
    | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Reported below: with the status when there is one worth reporting, else as invalid JSON.
  }
  const reason = body?.error?.message;
  if (!response.ok) throw fail(`answered ${response.status}${reason ? `: ${reason}` : ''}`);
  const url = body?.data?.url ?? body?.url;
  if (typeof url !== 'string' || !url)
    throw fail(body ? 'answered without {"data": {"url"}}' : 'answered with invalid JSON');
  return [url, body?.data?.eventsToken];
}
