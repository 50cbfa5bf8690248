/**
 * `npm run register-webhook`: the guide's set-up against the configured banq. Looks up
 * the merchant's account space and banq account (users/me), registers
 * PUBLIC_URL/your-web-hooks/payment-status as the webhook, and prints the GUID to put
 * in BANQ_MERCHANT_GUID. With the embedded mock, `npm start` does this by itself.
 */
import { createBanqApi } from '../demo/server/banq-api.js';
import { ConfigError, readConfig } from '../demo/server/config.js';
import { registerWebhook } from '../demo/server/register-webhook.js';
import { TokenSource } from '../demo/server/token.js';

try {
  const config = readConfig();
  if (!config.banq) {
    console.log(
      'No real banq is configured (BANQ_ENV or BANQ_AUTH_URL): `npm start` registers the webhook with the embedded mock by itself.',
    );
  } else {
    if (!config.publicUrl)
      throw new ConfigError('PUBLIC_URL is required: the address banq reaches this backend at');
    const api = createBanqApi(config.banq.apiUrl, new TokenSource(config.banq));
    const { accountSpaceId, merchantGuid, webhookUrl } = await registerWebhook(
      api,
      config.publicUrl,
      config.webhookSecret,
    );
    console.log(
      `Registered ${webhookUrl.replace(/secret=[^&]+/, 'secret=…')} for account space ${accountSpaceId}.`,
    );
    console.log(`Set BANQ_MERCHANT_GUID=${merchantGuid}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
