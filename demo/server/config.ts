/**
 * Step 0 of the guide: the settings. Read from the environment once, here, and
 * nowhere else. Credentials stay on the server: nothing in here is sent to a browser
 * except the widget URL.
 *
 * With neither BANQ_AUTH_URL nor BANQ_ENV set, the embedded mock banq (under
 * /mock-banq/ on this same server) stands in for banq and its credentials are the
 * mock's. BANQ_ENV=sandbox|production fills in the guide's URLs; each BANQ_* URL
 * variable overrides them.
 */

/** The guide's URLs. The production widget URL is not in the guide, so it must be given. */
const BANQ_ENVIRONMENTS = {
  sandbox: {
    authUrl: 'https://banq-staging.auth0.com/oauth/token',
    apiUrl: 'https://sandbox.banq.com/api/v1',
    widgetUrl: 'https://sandbox.banq.com/widget/ecommerce.js',
  },
  production: {
    authUrl: 'https://banq-prod.auth0.com/oauth/token',
    apiUrl: 'https://api.banq.com/api/v1',
    widgetUrl: undefined,
  },
} as const;

export const DEFAULT_AUDIENCE = 'https://banq.com/open/api/';

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
  /** The embedded mock banq stands in for banq. */
  mock: boolean;
  /** Real banq's settings; undefined with the mock, whose URLs depend on the port actually bound. */
  banq?: BanqSettings;
  /** When set, the webhook URL registered with banq carries it, and calls without it get 401. */
  webhookSecret?: string;
  /** Origins of pages on other sites allowed to call the browser-facing endpoints (CORS). */
  allowedOrigins: string[];
  /** This server's URL as banq reaches it, for registering the webhook; defaults to loopback. */
  publicUrl?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from `env`; throws a ConfigError naming every variable to fix. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number (0-65535), not "${portText}"`);

  const environmentName = value('BANQ_ENV');
  if (environmentName !== undefined && !(environmentName in BANQ_ENVIRONMENTS))
    problems.push(`BANQ_ENV must be "sandbox" or "production", not "${environmentName}"`);
  const environment =
    BANQ_ENVIRONMENTS[environmentName as keyof typeof BANQ_ENVIRONMENTS] ?? undefined;

  const mock = !value('BANQ_AUTH_URL') && !environment;
  let banq: BanqSettings | undefined;
  if (!mock) {
    const required = (name: string, fallback?: string) => {
      const found = value(name) ?? fallback;
      if (!found) problems.push(`${name} is required when using real banq`);
      return found ?? '';
    };
    banq = {
      authUrl: required('BANQ_AUTH_URL', environment?.authUrl),
      apiUrl: required('BANQ_API_URL', environment?.apiUrl).replace(/\/+$/, ''),
      clientId: required('BANQ_CLIENT_ID'),
      username: required('BANQ_USERNAME'),
      password: required('BANQ_PASSWORD'),
      audience: value('BANQ_AUDIENCE') ?? DEFAULT_AUDIENCE,
      // Optional here: `npm run register-webhook` finds it; the server refuses to start without it.
      merchantGuid: value('BANQ_MERCHANT_GUID'),
      widgetUrl: required('BANQ_WIDGET_URL', environment?.widgetUrl),
    };
    for (const name of ['BANQ_AUTH_URL', 'BANQ_API_URL', 'BANQ_WIDGET_URL'] as const) {
      const url = value(name);
      if (url && !URL.canParse(url)) problems.push(`${name} must be an absolute URL, not "${url}"`);
    }
  }

  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins)
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      problems.push(`ALLOWED_ORIGINS takes origins like https://shop.example, not "${origin}"`);

  const publicUrl = value('PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl && !URL.canParse(publicUrl))
    problems.push(`PUBLIC_URL must be an absolute URL, not "${publicUrl}"`);

  if (problems.length)
    throw new ConfigError(`Configuration is not usable:\n- ${problems.join('\n- ')}`);
  return { port, mock, banq, webhookSecret: value('WEBHOOK_SECRET'), allowedOrigins, publicUrl };
}
