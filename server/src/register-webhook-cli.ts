/**
 * `npm run register-webhook`: the guide's set-up against the configured banq. Looks up the
 * merchant's account space and banq account (users/me), registers
 * PUBLIC_URL/your-web-hooks/payment-status as the webhook (with WEBHOOK_SECRET when set), and
 * prints the GUID to put in BANQ_MERCHANT_GUID. The demo does this against its mock by itself.
 */
import { createBanqApi } from './banq-api.js';
import { readConfig } from './config.js';
import { registerWebhook } from './register-webhook.js';
import { TokenSource } from './token.js';

try {
  const { banq, publicUrl, webhookSecret } = readConfig(process.env, 'register-webhook');
  const api = createBanqApi(banq.apiUrl, new TokenSource(banq));
  const { accountSpaceId, merchantGuid, webhookUrl } = await registerWebhook(
    api,
    publicUrl ?? '',
    webhookSecret,
  );
  console.log(
    `Registered ${webhookUrl.replace(/secret=[^&]+/, 'secret=…')} for account space ${accountSpaceId}.`,
  );
  console.log(`Set BANQ_MERCHANT_GUID=${merchantGuid}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
