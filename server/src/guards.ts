/**
 * What stands before the steps on a public endpoint: anyone may call it, from any site, as fast
 * as they like, with whatever body. Each guard refuses in the one error shape, saying why.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { ApiError, errorBody, NOT_JSON, type StepLog } from './http.js';
import { STEP } from './steps.js';

/** The limits' defaults: options of the library, environment variables of the production entry. */
export const LIMIT_DEFAULTS = {
  /** LINK_RATE_LIMIT: payment-link requests a minute from one client address. */
  linkRateLimit: 30,
  /** MAX_STREAMS_PER_ORDER: open event streams of one order (a few tabs). */
  maxStreamsPerOrder: 5,
  /** MAX_STREAMS: open event streams in all, well under the process's file limit. */
  maxStreams: 10_000,
  /** BODY_TIMEOUT_MS: how long a body may take to arrive. */
  bodyTimeoutMs: 10_000,
} as const;

/**
 * `application/json` only: a body a page may send cross-site without a preflight (`text/plain`,
 * a form) is refused, so another site's page can never make a link behind CORS's back.
 */
export const jsonOnly: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', NOT_JSON);
  await next();
};

/**
 * Pages of this server's own site (`publicUrl`, else the host the request reached) and of
 * `allowedOrigins` only: a request carrying any other `Origin` is `403 forbidden_origin`.
 * Without `Origin` (a server, a script, banq) it passes: only browsers are held to a site.
 */
export function originGuard(allowedOrigins: string[], publicUrl?: string): MiddlewareHandler {
  const own = publicUrl ? new URL(publicUrl).origin : undefined;
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== own && !allowedOrigins.includes(origin)) {
      // Without PUBLIC_URL, the host alone: behind a TLS proxy the scheme seen here is http.
      const sameHost = !own && URL.canParse(origin) && new URL(origin).host === hostOf(c);
      if (!sameHost)
        throw new ApiError(
          403,
          'forbidden_origin',
          `pages on ${origin} may not use this backend: add the origin to ALLOWED_ORIGINS`,
        );
    }
    await next();
  };
}

const hostOf = (c: Context) => c.req.header('host') ?? new URL(c.req.url).host;

export interface RateLimitOptions {
  /** Link requests a minute from one client address; 0 turns the limit off. */
  perMinute: number;
  /** Behind a proxy the client is the first `X-Forwarded-For` hop, not the socket's address. */
  trustProxy: boolean;
  log: StepLog;
}

/** The client's address: the first `X-Forwarded-For` hop behind a trusted proxy, else the socket's. */
function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0].trim();
    if (first) return first;
  }
  try {
    // Only @hono/node-server hands the socket over (as the fetch's second argument).
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * Whom an address counts as: an IPv4 address itself (also written IPv4-mapped, `::ffff:…`),
 * an IPv6 address by its /64, the least a single subscriber is given: otherwise one client
 * would be 2^64 clients.
 */
function rateKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [
    ...left,
    ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** `429 rate_limited` with `Retry-After` past `perMinute` requests from one address in a minute. */
export function linkRateLimit({ perMinute, trustProxy, log }: RateLimitOptions): MiddlewareHandler {
  let warned = false;
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => rateKey(clientAddress(c, trustProxy) ?? ''),
    skip: (c) => {
      if (perMinute === 0) return true;
      if (clientAddress(c, trustProxy) !== undefined) return false;
      // Counting every shopper as one address would refuse them all: say so once, and let be.
      if (!warned) {
        warned = true;
        log(
          STEP.rateLimitOff,
          { why: 'no client address: mount with @hono/node-server, or set trustProxy' },
          'error',
        );
      }
      return true;
    },
    handler: (c) =>
      c.json(
        errorBody(
          'rate_limited',
          `at most ${perMinute} payment-link requests a minute from one address; try again after Retry-After seconds`,
        ),
        429,
      ),
  });
}

/**
 * The body, at most `maxBytes` (`413 too_large`) and arrived within `timeoutMs`
 * (`408 body_timeout`, the connection closed): a client that trickles or stalls is cut off
 * rather than holding a connection for minutes, with or without a Content-Length. Read once,
 * here, and handed on as the request's body.
 */
export function readBody({
  maxBytes,
  timeoutMs,
}: {
  maxBytes: number;
  timeoutMs: number;
}): MiddlewareHandler {
  const tooLarge = () =>
    new ApiError(413, 'too_large', `the body must be at most ${maxBytes} bytes`);
  return async (c, next) => {
    const stream = c.req.raw.body;
    if (stream) {
      if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
      const reader = (stream as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
      // Set by the timer while the body is read: `as boolean` keeps TypeScript from taking it
      // for always false.
      let timedOut = false as boolean;
      const timer = setTimeout(() => {
        timedOut = true;
        reader.cancel().catch(() => {});
      }, timeoutMs);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let size = 0;
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          size += read.value.byteLength;
          if (size > maxBytes) {
            reader.cancel().catch(() => {});
            throw tooLarge();
          }
          chunks.push(read.value);
        }
      } catch (error) {
        // The client went away, or the body was too large: said as it is.
        if (!timedOut) throw error;
      } finally {
        clearTimeout(timer);
      }
      if (timedOut) {
        c.header('connection', 'close');
        throw new ApiError(
          408,
          'body_timeout',
          `the body did not arrive within ${timeoutMs} ms; send it at once`,
        );
      }
      c.req.raw = new Request(c.req.raw, { body: new Blob(chunks) });
    }
    await next();
  };
}
