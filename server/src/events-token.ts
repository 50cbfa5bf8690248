/**
 * The events token: which page may hear of which order. An HMAC-SHA-256 of the order id under
 * a server secret, handed out with the order's payment link, so only the page that asked for
 * the link can open the order's events stream. Web Crypto only: it runs wherever Hono does.
 */
import { timingSafeEqual } from 'hono/utils/buffer';

const encoder = new TextEncoder();

const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** A new random secret, for a store that keeps one when EVENTS_SECRET is not set. */
export function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
}

export interface EventsTokens {
  sign(orderId: string): Promise<string>;
  verify(orderId: string, token: string): Promise<boolean>;
}

/** Tokens under the secret `secret()` resolves to, asked for at first use (and again if that failed). */
export function eventsTokens(secret: () => Promise<string>): EventsTokens {
  let key: ReturnType<typeof crypto.subtle.importKey> | undefined;
  const keyOnce = () =>
    (key ??= secret()
      .then((value) =>
        crypto.subtle.importKey(
          'raw',
          encoder.encode(value),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['sign'],
        ),
      )
      .catch((error: unknown) => {
        key = undefined;
        throw error;
      }));
  const sign = async (orderId: string) =>
    base64url(await crypto.subtle.sign('HMAC', await keyOnce(), encoder.encode(orderId)));
  return {
    sign,
    async verify(orderId, token) {
      return timingSafeEqual(await sign(orderId), token);
    },
  };
}
