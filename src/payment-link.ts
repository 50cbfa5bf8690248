import { BanqCheckoutError } from './errors.js';
import type { PaymentLinkRequest } from './types.js';

/**
 * Whether `url` can be banq's payment page: an absolute `https:` URL, or `http:` on a loopback
 * host for development. A `javascript:` or `data:` link would run in the shop's page, a
 * relative one would open the shop's own.
 */
export function isPaymentLink(url: string): boolean {
  try {
    // The parsed scheme and host: `http://localhost:80@evil.example` is evil.example's.
    const { protocol, hostname } = new URL(url);
    return /^(https:|http:(localhost|127\.0\.0\.1|\[::1\])$)/.test(protocol + hostname);
  } catch {
    return false;
  }
}

/**
 * POSTs the request to the merchant's intermediary endpoint and resolves with
 * the payment link from `{data: {url}}` (the guide's shape) or `{url}`, not yet
 * checked to be a web link, and the order's events token when the answer
 * carries one (`data.eventsToken`).
 * Aborting `signal` (the element stopped the payment, or `timeout` passed)
 * rejects with the abort itself, for the caller to word; every other failure is
 * a `payment-link` error saying what the backend did.
 */
export async function fetchPaymentLink(
  backendUrl: string,
  request: PaymentLinkRequest,
  headers: Record<string, string> | undefined,
  signal: AbortSignal,
): Promise<[url: unknown, eventsToken?: string]> {
  const fail = (message: string, cause?: unknown) =>
    new BanqCheckoutError('payment-link', `backend-url ${message}`, { cause });
  let response: Response;
  let text: string;
  try {
    response = await fetch(backendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    throw fail(`(${backendUrl}) could not be reached: ${(error as Error).message}`, error);
  }
  let body:
    | {
        data?: { url?: unknown; eventsToken?: string };
        url?: unknown;
        error?: { message?: string };
      }
    | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Reported below: with the status when there is one worth reporting, else as invalid JSON.
  }
  const reason = body?.error?.message;
  if (!response.ok) throw fail(`answered ${response.status}${reason ? `: ${reason}` : ''}`);
  const data = body?.data;
  const url = data?.url ?? body?.url;
  // Any other value is the caller's to refuse, as it refuses one from getPaymentLink.
  if (!url) throw fail(body ? 'answered without {"data": {"url"}}' : 'answered with invalid JSON');
  return [url, data?.eventsToken];
}
