/**
 * The shop page's own nodes and voice: `byId` for the nodes of index.html, the live log
 * (demo/live-log.ts) with the page's notes in it, and what screen readers are told.
 */
import { LiveLog, type LogSource } from '../live-log.js';

/**
 * The node of index.html with this id, of `type` (an `HTMLElement` unless said); its absence
 * is a bug of the page, said at once.
 */
export function byId(id: string): HTMLElement;
export function byId<T extends HTMLElement>(id: string, type: new () => T): T;
export function byId(id: string, type: new () => HTMLElement = HTMLElement): HTMLElement {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`demo: #${id} is missing from index.html`);
  return node;
}

/** The log's filters: a chip for each source of rows, which shows or hides them. */
const FILTERS: readonly { source: LogSource; label: string }[] = [
  { source: 'page', label: 'Page' },
  { source: 'server', label: 'Server' },
  { source: 'banq', label: 'banq' },
];

function filterChip({ source, label }: (typeof FILTERS)[number]): HTMLButtonElement {
  const chip = document.createElement('button');
  chip.className = 'chip';
  chip.type = 'button';
  chip.dataset.filter = source;
  chip.setAttribute('aria-pressed', 'true');
  chip.innerHTML = `<span class="chip__dot" aria-hidden="true"></span>${label} <span class="chip__count" data-count>0</span>`;
  return chip;
}

const filters = FILTERS.map(filterChip);
document.querySelector('.log__filters')?.append(...filters);

/** The live log: the page's events and notes, and the server's and banq's steps. */
export const log = new LiveLog(byId('event-log', HTMLOListElement), byId('log-empty'), filters);

/** A note of what the shop's own script did, as a page row. */
export const note = (event: string, detail?: unknown) =>
  log.add({ source: 'page', kind: 'note', event, at: Date.now(), detail });

const announcer = byId('announcer');

/** Tells screen-reader users what changed out of their sight. */
export function announce(text: string): void {
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = text));
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
