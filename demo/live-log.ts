/**
 * The demo's live log: one chronological list of what the page saw (the element's events,
 * the shop's own notes) and what the server and the mock banq did (their steps, streamed
 * from `/demo-api/server-log` for this page's order only), each row tagged with where it came
 * from.
 */
import { MOCK_STEP } from '../mock-banq/steps.js';
import { STEP } from '../server/src/steps.js';
import { BANQ_STEP_PREFIX, SERVER_LOG_PATH } from './shop-api.js';

/** Where a row came from: the page (the element, the shop script), the shop's server, or banq. */
export type LogSource = 'page' | 'server' | 'banq';

export interface LogRow {
  source: LogSource;
  /** The element's event name (`banq-success`), the server's step (`webhook received`), or a note. */
  event: string;
  /** `event` for element events, `step` for the server and banq, `note` for the shop's own notes. */
  kind: 'event' | 'step' | 'note';
  /** When it happened, in ms since the epoch; rows are kept in this order. */
  at: number;
  detail?: unknown;
}

/** banq's steps of a webhook the shop's server did not take (mock-banq/steps.ts). */
const BANQ_BAD_NEWS = new Set<string>([MOCK_STEP.webhookRetrying, MOCK_STEP.webhookGaveUp]);

/**
 * Whether a row is good news (paid) or bad (failed), which the styles colour: the element's
 * events by their names, the server's steps by theirs (server/src/steps.ts), banq's by the
 * mock's.
 */
function toneOf({ source, kind, event }: LogRow): 'good' | 'bad' | undefined {
  if (source === 'page' && kind === 'event') {
    if (event === 'banq-success') return 'good';
    if (event === 'banq-error') return 'bad';
  }
  if (source === 'server') {
    if (event === STEP.paymentVerified) return 'good';
    if (event === STEP.linkFailed) return 'bad';
  }
  if (source === 'banq') {
    if (event === MOCK_STEP.paymentCompleted) return 'good';
    if (BANQ_BAD_NEWS.has(event)) return 'bad';
  }
  return undefined;
}

const MAX_ROWS = 400;
const SOURCES: readonly LogSource[] = ['page', 'server', 'banq'];

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `12:03:04.123` */
function formatTime(at: number): string {
  const date = new Date(at);
  return `${clock.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** JSON on one line; an Error (such as a `banq-error`'s `cause`) as `{name, message}`, not `{}`. */
function toJson(value: unknown): string {
  // Undefined for undefined, a function or a symbol, whatever lib.d.ts says.
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Error ? { name: v.name, message: v.message } : v,
  ) as string | undefined;
  return text === undefined ? String(value) : text;
}

const TOKEN =
  /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** The JSON as text nodes and coloured spans (keys, strings, numbers, literals); no innerHTML. */
function highlight(json: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let last = 0;
  const span = (cls: string, text: string) => {
    const node = document.createElement('span');
    node.className = cls;
    node.textContent = text;
    out.append(node);
  };
  // Between tokens there is only punctuation: a space after each comma lets long lines wrap.
  const between = (text: string) => out.append(text.replaceAll(',', ', '));
  for (const match of json.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) between(json.slice(last, index));
    // A group that took no part is undefined (lib.d.ts types each a string).
    const [, string, colon, literal, number] = match as (string | undefined)[];
    if (string !== undefined && colon !== undefined) {
      span('j-key', string);
      out.append(': ');
    } else if (string !== undefined) span('j-str', string);
    else if (literal !== undefined) span('j-lit', literal);
    else if (number !== undefined) span('j-num', number);
    last = index + match[0].length;
  }
  if (last < json.length) between(json.slice(last));
  return out;
}

export class LiveLog {
  readonly #list: HTMLOListElement;
  readonly #empty: HTMLElement;
  readonly #counts = new Map<LogSource, HTMLElement>();
  readonly #hidden = new Set<LogSource>();

  constructor(list: HTMLOListElement, empty: HTMLElement, filters: Iterable<HTMLButtonElement>) {
    this.#list = list;
    this.#empty = empty;
    for (const button of filters) {
      const source = button.dataset.filter as LogSource;
      if (!SOURCES.includes(source)) continue;
      const count = button.querySelector<HTMLElement>('[data-count]');
      if (count) this.#counts.set(source, count);
      button.addEventListener('click', () => {
        const show = this.#hidden.has(source);
        if (show) this.#hidden.delete(source);
        else this.#hidden.add(source);
        button.setAttribute('aria-pressed', String(show));
        this.#list.dataset.hide = [...this.#hidden].join(' ');
      });
    }
  }

  add(row: LogRow): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'log__row';
    item.dataset.source = row.source;
    item.dataset.event = row.event;
    item.dataset.kind = row.kind;
    item.dataset.at = String(row.at);
    const tone = toneOf(row);
    if (tone) item.dataset.tone = tone;

    const time = document.createElement('time');
    time.className = 'log__time';
    time.dateTime = new Date(row.at).toISOString();
    time.textContent = formatTime(row.at);

    const source = document.createElement('span');
    source.className = `tag tag--${row.source}`;
    source.textContent = row.source;

    const name = document.createElement('span');
    name.className = 'log__name';
    name.textContent = row.event;

    item.append(time, source, name);
    if (row.detail !== undefined) {
      const detail = document.createElement('code');
      detail.className = 'log__detail';
      detail.append(highlight(toJson(row.detail)));
      item.append(detail);
    }

    const list = this.#list;
    const pinned = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    // Chronological: the server's rows can arrive a moment after later page rows.
    let before: Element | null = null;
    for (let node = list.lastElementChild; node; node = node.previousElementSibling) {
      if (Number((node as HTMLElement).dataset.at) <= row.at) break;
      before = node;
    }
    list.insertBefore(item, before);
    while (list.childElementCount > MAX_ROWS) list.firstElementChild?.remove();
    if (pinned) list.scrollTop = list.scrollHeight;

    this.#empty.hidden = true;
    this.#updateCounts();
    return item;
  }

  clear(): void {
    this.#list.replaceChildren();
    this.#empty.hidden = false;
    this.#updateCounts();
  }

  #updateCounts(): void {
    for (const [source, node] of this.#counts)
      node.textContent = String(
        this.#list.querySelectorAll(`:scope > [data-source="${source}"]`).length,
      );
  }
}

/* ------------------------------------------------------------------ the server's log */

/** A step of the server's (`STEP`) or banq's (`banq: …`), as `/demo-api/server-log` sends it. */
export interface ServerStep {
  source: 'server' | 'banq';
  step: string;
  at: number;
  detail: Record<string, unknown>;
}

function toServerStep(data: string): ServerStep | undefined {
  let line: unknown;
  try {
    line = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof line !== 'object' || line === null) return undefined;
  const { at, step, ...detail } = line as Record<string, unknown>;
  if (typeof step !== 'string' || typeof at !== 'string') return undefined;
  const banq = step.startsWith(BANQ_STEP_PREFIX);
  const time = Date.parse(at);
  return {
    source: banq ? 'banq' : 'server',
    step: banq ? step.slice(BANQ_STEP_PREFIX.length) : step,
    at: Number.isNaN(time) ? Date.now() : time,
    detail,
  };
}

export type ServerLogStatus = 'connecting' | 'live' | 'closed';

/**
 * Follows the server's steps of one order at a time (the server sends a page only its own
 * order's): `follow(orderId)` moves to another order, the old stream closed first so no late
 * line of it arrives.
 */
export class ServerLogFollower {
  #source?: EventSource;
  #orderId?: string;

  constructor(
    readonly onStep: (step: ServerStep, orderId: string) => void,
    readonly onStatus: (status: ServerLogStatus) => void,
  ) {}

  get orderId(): string | undefined {
    return this.#orderId;
  }

  follow(orderId: string): void {
    if (orderId === this.#orderId) return;
    this.#source?.close();
    this.#orderId = orderId;
    const source = (this.#source = new EventSource(
      `${SERVER_LOG_PATH}?orderId=${encodeURIComponent(orderId)}`,
    ));
    this.onStatus('connecting');
    source.addEventListener('open', () => this.onStatus('live'));
    source.addEventListener('error', () =>
      this.onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'),
    );
    source.addEventListener('message', ({ data }: MessageEvent<string>) => {
      const step = toServerStep(data);
      if (step) this.onStep(step, orderId);
    });
  }
}
