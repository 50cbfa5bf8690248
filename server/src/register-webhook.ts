/**
 * The guide's set-up, done once per environment: find the merchant's account space
 * and banq account (users/me), then register this backend's webhook URL with banq.
 * `npm run register-webhook` runs it against the configured banq; the demo runs it
 * against the mock at start.
 */
import type { BanqApi } from './banq-api.js';
import { API_PATHS, USERS_ME_INCLUDE, WEBHOOK_TYPES, type WebhookConfig } from './banq-contract.js';
import { WEBHOOK_PATH } from './webhooks.js';

/** `users/me?include=accountSpaces,banqAccounts`, bare or in `data`. The field names beyond the guide's are assumed. */
interface Me {
  accountSpaces?: { id?: unknown }[];
  banqAccounts?: { guid?: unknown; accountSpaceId?: unknown }[];
  accountSpaceId?: unknown;
}

export interface Registration {
  accountSpaceId: string;
  merchantGuid: string;
  webhookUrl: string;
}

/**
 * The webhook URL banq is given: the guide's path under `publicUrl` (which may carry the
 * backend's base path, e.g. https://shop.example/banq), with the secret when there is one.
 */
export function webhookUrl(publicUrl: string, secret?: string): string {
  const url = new URL(publicUrl.replace(/\/+$/, '') + WEBHOOK_PATH);
  if (secret) url.searchParams.set('secret', secret);
  return url.href;
}

export async function registerWebhook(
  api: BanqApi,
  publicUrl: string,
  secret?: string,
): Promise<Registration> {
  const answer = await api.request<Me & { data?: Me }>(
    'GET',
    `${API_PATHS.usersMe}?include=${USERS_ME_INCLUDE.join(',')}`,
  );
  const me = answer.data ?? answer;
  const account = me.banqAccounts?.find((a) => typeof a.guid === 'string');
  const accountSpaceId = account?.accountSpaceId ?? me.accountSpaceId ?? me.accountSpaces?.[0]?.id;
  if (typeof accountSpaceId !== 'string' || typeof account?.guid !== 'string')
    throw new Error(
      'banq users/me lists no banq account with an account space: is this a merchant login?',
    );
  const url = webhookUrl(publicUrl, secret);
  await api.request('POST', API_PATHS.webhookConfig(encodeURIComponent(accountSpaceId)), {
    url,
    enabled: true,
    retryCount: 5,
    // Every type, as the guide subscribes.
    webHookTypes: [...WEBHOOK_TYPES],
  } satisfies WebhookConfig);
  return { accountSpaceId, merchantGuid: account.guid, webhookUrl: url };
}
