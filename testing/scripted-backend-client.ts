/** The scripted loopback backend (testing/scripted-backend.js), as the tests call it. */

let keys = 0;
/** A key no other test uses, so the backend's records are this test's alone. */
export const freshKey = () => `k${Date.now().toString(36)}${++keys}`;

/** The stand-in of banq's ecommerce.js at a URL only this key uses (one load per URL per page). */
export const widgetUrl = (key: string, query = '') => `/api/widget.js?key=${key}${query}`;
export const spyWidgetUrl = (key: string) => `/testing/spy-widget.js?key=${key}`;
export const linkUrl = (key: string, query = '') => `/api/link?key=${key}${query}`;
export const eventsUrl = (key: string, query = '') => `/api/events?key=${key}${query}`;

async function getJson<T>(path: string): Promise<T> {
  return (await fetch(path)).json() as Promise<T>;
}

export const requestsFor = (key: string) =>
  getJson<{ body: Record<string, unknown>; headers: Record<string, string>; aborted: boolean }[]>(
    `/api/requests?key=${key}`,
  );
export const widgetLoads = (key: string) => getJson<number>(`/api/widget-loads?key=${key}`);
export const openStreams = (key: string) => getJson<(string | null)[]>(`/api/streams?key=${key}`);
/** The `token` each open stream of the key was opened with (null: none). */
export const streamTokens = (key: string) =>
  getJson<(string | null)[]>(`/api/stream-tokens?key=${key}`);

/** Sends one raw `data:` message to the key's open event streams; resolves with how many got it. */
export async function emit(key: string, message: unknown): Promise<number> {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  const answer = await fetch(`/api/emit?key=${key}`, { method: 'POST', body });
  return ((await answer.json()) as { delivered: number }).delivered;
}
