/**
 * `GET /metrics`, in the Prometheus text format: the steps reported, every answer by status
 * and error code, the open event streams, the store's and banq's latencies, and the process's
 * default metrics. Each backend has a registry of its own (never prom-client's global one), so
 * two backends in one process do not clash. Operators keep the route private at their proxy.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BanqApiError, type BanqApi } from './banq-api.js';
import type { StepLog } from './http.js';
import type { Store } from './store/index.js';

/** Store calls take a millisecond or so; banq's take tens to hundreds, up to 10 s twice (a 401 retried). */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const BANQ_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/** Segments in an id's place of banq's paths that are no id. */
const BANQ_ACTIONS = new Set(['get-paid-link', 'me']);

/**
 * banq's path as a template, so a label has few values whatever the ids: `/payments/{id}`,
 * `/account-spaces/{id}/webhook-config`; the query is dropped. Collections are the odd
 * segments (the code's own words); the even ones are ids unless they are an action.
 */
export function banqPathTemplate(path: string): string {
  return (path.split('?')[0] ?? '')
    .split('/')
    .map((segment, i) => (i > 0 && i % 2 === 0 && !BANQ_ACTIONS.has(segment) ? '{id}' : segment))
    .join('/');
}

let processRegistry: Registry | undefined;
/**
 * prom-client's default metrics (CPU, memory, event loop lag, GC…) describe the process: they
 * are collected once for it, however many backends it runs, and shown by every one.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** An error answer's `error.code` (the one error shape); `unknown` for any other body. */
async function errorCode(response: Response): Promise<string> {
  if (!response.headers.get('content-type')?.includes('json')) return 'unknown';
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code;
    return typeof code === 'string' && /^\w{1,64}$/.test(code) ? code : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One backend's metrics, and the wrappers that feed them. */
export function createMetrics(openStreams: () => number) {
  const own = new Registry();
  const { steps, responses, storeSeconds, banqSeconds } = backendMetrics(own, openStreams);
  const registry = Registry.merge([processMetrics(), own]);

  return {
    /** Everything this backend's `GET /metrics` shows; a merchant may register more in it. */
    registry,

    /** The logger, with each step counted first. */
    countSteps(log: StepLog = () => {}): StepLog {
      return (step, detail, level) => {
        steps.inc({ step, level: level ?? 'info' });
        log(step, detail, level);
      };
    },

    /** Middleware that counts every answer; `paths()` are the backend's routes (read once). */
    countResponses(paths: () => Iterable<string>): MiddlewareHandler {
      let known: Set<string> | undefined;
      return async (c, next) => {
        await next();
        known ??= new Set([...paths()].filter((path) => !/[*:]/.test(path)));
        const { status } = c.res;
        responses.inc({
          route: known.has(c.req.path) ? c.req.path : 'other',
          status: String(status),
          code: status >= 400 ? await errorCode(c.res) : '',
        });
      };
    },

    /** The store with each call timed; the store's calls to itself are not counted twice. */
    timeStore(store: Store): Store {
      return timedStore(store, storeSeconds);
    },

    /** banq's API with each call timed, by method, path template and status. */
    timeBanq(api: BanqApi): BanqApi {
      return {
        async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
          const end = banqSeconds.startTimer({ method, path: banqPathTemplate(path) });
          try {
            const answer = await api.request<T>(method, path, body);
            end({ status: '2xx' });
            return answer;
          } catch (error) {
            end({ status: error instanceof BanqApiError ? String(error.status) : 'error' });
            throw error;
          }
        },
      };
    },
  };
}

/** The backend's own metrics, registered in `own`, in the order `GET /metrics` shows them. */
function backendMetrics(own: Registry, openStreams: () => number) {
  const registers = [own];
  const steps = new Counter({
    name: 'banq_checkout_steps_total',
    help: 'Steps reported to the logger, by name (`link made`, `webhook received`, `payment verified`, `reconciler found a payment`, …) and level.',
    labelNames: ['step', 'level'] as const,
    registers,
  });
  const responses = new Counter({
    name: 'banq_checkout_http_responses_total',
    help: 'Answers, by route (`other` for no route of the backend), status and error code (empty for no error).',
    labelNames: ['route', 'status', 'code'] as const,
    registers,
  });
  new Gauge({
    name: 'banq_checkout_event_streams_open',
    help: 'Event streams open on this instance.',
    registers,
    collect() {
      this.set(openStreams());
    },
  });
  const storeSeconds = new Histogram({
    name: 'banq_checkout_store_duration_seconds',
    help: 'Store calls, by method, in seconds.',
    labelNames: ['method'] as const,
    buckets: STORE_BUCKETS,
    registers,
  });
  const banqSeconds = new Histogram({
    name: 'banq_checkout_banq_request_duration_seconds',
    help: 'Calls to banq’s API, by method, path template and status (`2xx`; 0 when banq could not be reached; `error` when no token could be had), in seconds.',
    labelNames: ['method', 'path', 'status'] as const,
    buckets: BANQ_BUCKETS,
    registers,
  });
  return { steps, responses, storeSeconds, banqSeconds };
}

/**
 * The store with each method call timed in `seconds`, by method. Each method is wrapped once
 * and called on the store itself, so that its calls to its own methods are not timed again.
 */
function timedStore(store: Store, seconds: Histogram<'method'>): Store {
  const wrappers = new WeakMap<object, unknown>();
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      let wrapper = wrappers.get(value);
      if (!wrapper) {
        const method = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => {
          const end = seconds.startTimer({ method: key });
          try {
            const result = method.apply(target, args);
            if (result instanceof Promise) return result.finally(end);
            end();
            return result;
          } catch (error) {
            end();
            throw error;
          }
        };
        wrappers.set(value, wrapper);
      }
      return wrapper;
    },
  });
}

export type BackendMetrics = ReturnType<typeof createMetrics>;

/**
 * `GET /metrics`: for the operator's Prometheus, not for pages or banq, so it is left out of
 * the OpenAPI document (which describes the browser's and banq's endpoints).
 */
export function metricsRoutes({ registry }: BackendMetrics): Hono {
  // Not chained: Hono types get()'s result as its base class, not the Hono route() takes.
  const routes = new Hono();
  routes.get('/metrics', async (c) =>
    c.body(await registry.metrics(), 200, { 'content-type': registry.contentType }),
  );
  return routes;
}
