/**
 * Step 0 of the guide: the settings of the production entry (`npm run server`) and of
 * `npm run register-webhook`. Read from the environment once, here, and nowhere else.
 * Credentials stay on the server: nothing in here is sent to a browser except the widget URL.
 *
 * BANQ_ENV=sandbox|production fills in the guide's URLs; each BANQ_* URL variable overrides
 * them. The library itself (`createBanqBackend`) reads no environment: it takes options.
 */
import { BANQ_ENVIRONMENTS, OPEN_API_AUDIENCE } from './banq-contract.js';
import { LIMIT_DEFAULTS } from './guards.js';
import { DEFAULT_DATA_DIR } from './store/index.js';

export { BANQ_ENVIRONMENTS, OPEN_API_AUDIENCE as DEFAULT_AUDIENCE };

/** How to reach banq (or the mock) and as whom. */
export interface BanqSettings {
  authUrl: string;
  /** Base of every API path, including `/api/v1`. */
  apiUrl: string;
  clientId: string;
  username: string;
  password: string;
  audience: string;
  /** Where payments go; with the mock it is looked up at start (users/me), as the guide does by hand. */
  merchantGuid?: string;
  /** banq's ecommerce.js, for the page's `script-src`. */
  widgetUrl: string;
}

export interface Config {
  port: number;
  /** The address to listen on (HOST); every interface by default. */
  host?: string;
  banq: BanqSettings;
  /** `resolveOrder` is `GET {ordersUrl}/{orderId}`; required by the server, not by register-webhook. */
  ordersUrl: string;
  /** PostgreSQL; without it the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** When set, the webhook URL registered with banq carries it, and calls without it get 401. */
  webhookSecret?: string;
  /** The events tokens' key; without it a random one is kept in the store. */
  eventsSecret?: string;
  /** Origins of pages on other sites allowed to call the browser-facing endpoints (CORS). */
  allowedOrigins: string[];
  /** This server's URL as banq and browsers reach it. */
  publicUrl?: string;
  reconcileIntervalMs: number;
  /** LINK_RATE_LIMIT, MAX_STREAMS_PER_ORDER, MAX_STREAMS, BODY_TIMEOUT_MS. */
  limits: { [name in keyof typeof LIMIT_DEFAULTS]: number };
  /** TRUST_PROXY=1: the client address is the first X-Forwarded-For hop. */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type ConfigPurpose = 'server' | 'register-webhook';

/**
 * Reads the configuration from `env`; throws a ConfigError naming every variable to fix.
 * `register-webhook` needs banq's credentials and PUBLIC_URL, and finds BANQ_MERCHANT_GUID.
 */
export function readConfig(
  env: Record<string, string | undefined> = process.env,
  purpose: ConfigPurpose = 'server',
): Config {
  const read = envReader(env);
  const { problems, value, required, url, whole } = read;

  const port = whole('PORT', 3000, 0, 65535);
  const banq = banqSettings(read, purpose);

  const ordersUrl =
    purpose === 'server'
      ? (url(
          'ORDERS_URL',
          required(
            'ORDERS_URL',
            'your orders service: GET {ORDERS_URL}/{orderId} answers the amount',
          ),
        ) ?? '')
      : (value('ORDERS_URL') ?? '');

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must be a postgres:// URL');

  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins)
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      problems.push(`ALLOWED_ORIGINS takes origins like https://shop.example, not "${origin}"`);

  const publicUrl = url('PUBLIC_URL', value('PUBLIC_URL')?.replace(/\/+$/, ''));
  if (purpose === 'register-webhook' && !publicUrl)
    problems.push('PUBLIC_URL is required: where banq reaches this server');

  const reconcileIntervalMs = whole('RECONCILE_INTERVAL_MS', 60_000, 0, 86_400_000);
  const limits = {
    linkRateLimit: whole('LINK_RATE_LIMIT', LIMIT_DEFAULTS.linkRateLimit, 0, 1_000_000),
    maxStreamsPerOrder: whole('MAX_STREAMS_PER_ORDER', LIMIT_DEFAULTS.maxStreamsPerOrder, 1, 1000),
    maxStreams: whole('MAX_STREAMS', LIMIT_DEFAULTS.maxStreams, 1, 1_000_000),
    bodyTimeoutMs: whole('BODY_TIMEOUT_MS', LIMIT_DEFAULTS.bodyTimeoutMs, 100, 300_000),
  };
  const trustProxy = value('TRUST_PROXY');
  if (trustProxy !== undefined && trustProxy !== '0' && trustProxy !== '1')
    problems.push(`TRUST_PROXY must be 1 (behind your proxy) or 0, not "${trustProxy}"`);

  if (problems.length)
    throw new ConfigError(`Configuration is not usable:\n- ${problems.join('\n- ')}`);
  return {
    port,
    host: value('HOST'),
    banq,
    ordersUrl,
    databaseUrl,
    dataDir: value('DATA_DIR') ?? DEFAULT_DATA_DIR,
    webhookSecret: value('WEBHOOK_SECRET'),
    eventsSecret: value('EVENTS_SECRET'),
    allowedOrigins,
    publicUrl,
    reconcileIntervalMs,
    limits,
    trustProxy: trustProxy === '1',
  };
}

/**
 * Reads variables from `env`, trimmed (an empty one is unset). Each problem found is added to
 * `problems` rather than thrown, so that one error names every variable to fix.
 */
function envReader(env: Record<string, string | undefined>) {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;
  const required = (name: string, why: string, fallback?: string) => {
    const found = value(name) ?? fallback;
    if (!found) problems.push(`${name} is required: ${why}`);
    return found ?? '';
  };
  const url = (name: string, found: string | undefined) => {
    if (found && !URL.canParse(found))
      problems.push(`${name} must be an absolute URL, not "${found}"`);
    return found;
  };
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const text = value(name);
    const number = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(number) || number < min || number > max)
      problems.push(`${name} must be a whole number from ${min} to ${max}, not "${String(text)}"`);
    return number;
  };
  return { problems, value, required, url, whole };
}

/** How to reach banq and as whom: BANQ_ENV's URLs, each overridden by its own BANQ_* variable. */
function banqSettings(
  { problems, value, required, url }: ReturnType<typeof envReader>,
  purpose: ConfigPurpose,
): BanqSettings {
  const environmentName = value('BANQ_ENV');
  // Own keys only: `in` would take BANQ_ENV=toString for an environment.
  const environment =
    environmentName !== undefined && Object.hasOwn(BANQ_ENVIRONMENTS, environmentName)
      ? BANQ_ENVIRONMENTS[environmentName as keyof typeof BANQ_ENVIRONMENTS]
      : undefined;
  if (environmentName !== undefined && !environment)
    problems.push(`BANQ_ENV must be "sandbox" or "production", not "${environmentName}"`);
  const banqUrl = 'set BANQ_ENV=sandbox|production, or the URL itself';
  const credential = 'your banq API credentials';
  return {
    authUrl: url('BANQ_AUTH_URL', required('BANQ_AUTH_URL', banqUrl, environment?.authUrl)) ?? '',
    apiUrl: (
      url('BANQ_API_URL', required('BANQ_API_URL', banqUrl, environment?.apiUrl)) ?? ''
    ).replace(/\/+$/, ''),
    clientId: required('BANQ_CLIENT_ID', credential),
    username: required('BANQ_USERNAME', credential),
    password: required('BANQ_PASSWORD', credential),
    audience: value('BANQ_AUDIENCE') ?? OPEN_API_AUDIENCE,
    merchantGuid:
      purpose === 'server'
        ? required(
            'BANQ_MERCHANT_GUID',
            'the banq account payments go to (`npm run register-webhook` prints it)',
          )
        : value('BANQ_MERCHANT_GUID'),
    widgetUrl:
      url(
        'BANQ_WIDGET_URL',
        purpose === 'server'
          ? required(
              'BANQ_WIDGET_URL',
              "banq's ecommerce.js for your pages",
              environment?.widgetUrl,
            )
          : (value('BANQ_WIDGET_URL') ?? environment?.widgetUrl),
      ) ?? '',
  };
}
