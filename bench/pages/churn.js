/*
 * The churn benchmark's page side: cycles of adding a <banq-checkout>, waiting for banq's
 * button, clicking it (the element asks /link for a payment link and opens its events
 * stream, the widget opens its popup), and removing the element again. Run by
 * `window.churn.run(cycles, budgetMs)` once the element is defined.
 */
(() => {
  const STEP_TIMEOUT_MS = 5000;
  let made = 0;

  const step = (what, start) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${what}: not within ${STEP_TIMEOUT_MS} ms`)),
        STEP_TIMEOUT_MS,
      );
      start(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  /** Polls `check` until it holds, for at most the step timeout. */
  async function until(what, check) {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    while (!check()) {
      if (performance.now() > deadline)
        throw new Error(`${what}: not within ${STEP_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async function cycle() {
    const el = document.createElement('banq-checkout');
    Object.assign(el, {
      scriptSrc: '/ecommerce.js',
      backendUrl: '/link',
      eventsUrl: '/events',
      orderId: `churn-${++made}`,
      comment: 'Churn',
      funds: 2,
    });
    const failed = (reject) => (event) => reject(new Error(event.detail.message));
    await step('banq-ready', (resolve, reject) => {
      el.addEventListener('banq-ready', resolve, { once: true });
      el.addEventListener('banq-error', failed(reject), { once: true });
      document.body.append(el);
    });
    // The shopper clicks: a payment link, then the events stream, then banq's popup.
    await step('events stream open', (resolve) => {
      window.eventSources.onOpen = resolve;
      el.querySelector('.banq-w-button').click();
    });
    window.eventSources.onOpen = null;
    await until('banq popup', () => document.querySelector('[data-banq-popup]'));
    el.remove();
  }

  async function run(cycles, budgetMs) {
    const start = performance.now();
    let done = 0;
    while (done < cycles && performance.now() - start < budgetMs) {
      await cycle();
      done++;
    }
    return { cycles: done, ms: performance.now() - start };
  }

  /** What is left on the page. */
  function leftovers() {
    const live = [...window.eventSources.unclosed];
    return {
      eventSourcesCreated: window.eventSources.created,
      eventSourcesClosed: window.eventSources.closed,
      eventSourcesUnclosed: live.length,
      eventSourcesOpen: live.filter((source) => source.readyState !== EventSource.CLOSED).length,
      liveWidgets: window.ecommerceBanqWidget?.liveInstances ?? 0,
      elements: document.querySelectorAll('banq-checkout').length,
      mountNodes: document.querySelectorAll('[id^="banq-checkout-"]').length,
      widgetRoots: document.querySelectorAll('.banq-w-root').length,
      popups: document.querySelectorAll('[data-banq-popup]').length,
      iframes: document.querySelectorAll('iframe').length,
    };
  }

  window.churn = { run, leftovers };
})();
