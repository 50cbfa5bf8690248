/**
 * banq's widget script, `GET /widget/ecommerce.js`: the stand-in ./ecommerce.js, served as it
 * is, read on each request and sent `no-cache`, so that an edit shows on the next page load.
 */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';

/** Where the mock serves banq's widget script, under its mount point. */
export const WIDGET_SCRIPT_PATH = '/widget/ecommerce.js';

export function widgetRoutes(): Hono {
  const app = new Hono();
  app.get(WIDGET_SCRIPT_PATH, async (c) => {
    const source = await readFile(new URL('./ecommerce.js', import.meta.url), 'utf8');
    return c.body(source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    });
  });
  return app;
}
