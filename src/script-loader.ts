import { BanqCheckoutError } from './errors.js';
import type { BanqWidgetConstructor } from './types.js';

/** One load per script URL for the whole page, shared by every element. */
const loads = new Map<string, Promise<BanqWidgetConstructor>>();

/**
 * Loads banq's `ecommerce.js` and resolves with `window.ecommerceBanqWidget`.
 * A `<script>` already on the page with the same URL (another bundle's, or the
 * merchant's own) is reused rather than loaded twice. A failed or timed-out
 * load removes its tag and is forgotten, so the next call tries afresh.
 */
export function loadWidgetScript(
  src: string,
  nonce: string,
  timeout: number,
): Promise<BanqWidgetConstructor> {
  const url = new URL(src, document.baseURI).href;
  let load = loads.get(url);
  if (!load) {
    load = new Promise<BanqWidgetConstructor>((resolve, reject) => {
      let script = [...document.scripts].find((s) => s.src === url);
      if (script && window.ecommerceBanqWidget) return resolve(window.ecommerceBanqWidget);
      if (!script) {
        script = document.createElement('script');
        try {
          script.src = url;
        } catch (error) {
          // A page that enforces Trusted Types takes no plain string for a script's URL, and
          // will not for this page's life: this failure is kept, not retried.
          return reject(
            new BanqCheckoutError('script', `${url}: ${(error as Error).message}`, {
              cause: error,
            }),
          );
        }
        // Inserted scripts are async already; the nonce slot is not the attribute, so '' is harmless.
        script.nonce = nonce;
        document.head.append(script);
      }
      const tag = script;
      const listening = new AbortController();
      const settle = (failure?: string): void => {
        clearTimeout(timer);
        listening.abort();
        const widget = window.ecommerceBanqWidget;
        if (!failure && widget) return resolve(widget);
        tag.remove();
        loads.delete(url);
        reject(
          new BanqCheckoutError(
            'script',
            failure ??
              `${url} did not define window.ecommerceBanqWidget: is script-src banq's ecommerce.js?`,
          ),
        );
      };
      const timer = setTimeout(() => settle(`${url} did not load within ${timeout} ms`), timeout);
      tag.addEventListener('load', () => settle(), { signal: listening.signal });
      tag.addEventListener('error', () => settle(`${url} failed to load`), {
        signal: listening.signal,
      });
    });
    loads.set(url, load);
  }
  return load;
}
