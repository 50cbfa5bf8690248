/**
 * The reference backend in a route handler, as the README shows it: `/banq/generate-payment-link`,
 * `/banq/payment-events` and banq's webhook at `/banq/your-web-hooks/payment-status`.
 */
import { createBanqBackend, openStore, type BanqBackend } from 'banq-checkout-server';
import { banqSettings } from '../../banq-settings';
import { orderOf } from '../../orders';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let backend: Promise<BanqBackend> | undefined;
const banq = () =>
  (backend ??= openStore({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? '.data/nextjs',
  }).then((store) =>
    createBanqBackend({
      basePath: '/banq',
      store,
      banq: banqSettings(),
      // The amount is the shop's, never the page's.
      resolveOrder: async (orderId) => {
        const order = orderOf(orderId);
        return order && { funds: order.funds, comment: order.title };
      },
      webhookSecret: process.env.WEBHOOK_SECRET,
      // No socket in a route handler: the link rate limit counts by X-Forwarded-For.
      trustProxy: true,
    }),
  ));

export const GET = async (request: Request) => (await banq()).fetch(request);
export const POST = GET;
