/*
 * Loaded before the element: wraps window.EventSource so the churn benchmark can count the
 * streams the page opened and closed. `window.eventSources.onOpen` is called with each
 * stream once the server has answered.
 */
(() => {
  const Native = window.EventSource;
  const stats = {
    created: 0,
    closed: 0,
    /** Streams not closed by the page yet (closing one removes it). */
    unclosed: new Set(),
    onOpen: null,
  };
  class CountingEventSource extends Native {
    constructor(url, init) {
      super(url, init);
      stats.created++;
      stats.unclosed.add(this);
      this.addEventListener('open', () => stats.onOpen?.(this), { once: true });
    }

    close() {
      if (stats.unclosed.delete(this)) stats.closed++;
      super.close();
    }
  }
  window.EventSource = CountingEventSource;
  window.eventSources = stats;
})();
