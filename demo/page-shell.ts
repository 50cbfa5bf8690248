/**
 * The shell every demo page shares, and `inPageShell()`, which puts a page (demo/*.html) in
 * it: vite.config.ts calls it for each page, served by `npm start` and built by
 * `vite build --mode demo` alike. A page writes only what is its own, and marks where the
 * shell goes:
 *
 * - `<head>` gets the tags every page has (charset, viewport, theme colour, icon);
 * - `<shell-header skip-to="#id" skip-text="…" tagline="…">…</shell-header>` becomes the skip
 *   link, the bar linking the three demos (this page marked current) and the top bar, whose
 *   end holds what the element held (the page's own links);
 * - an empty element with `data-icon="…"` gets that icon of demo/icons.ts, and one with
 *   `data-part="…"` that part of `PARTS` below (the footer, what the framework pages share).
 */
import { SHOP_NAME } from './catalog.js';
import { ICON } from './icons.js';

const HEAD = `<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="theme-color" content="#2b1a10" />
    <link
      rel="icon"
      href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='9' fill='%233b2416'/%3E%3Cpath d='M16 7c-4.5 3-6.5 6.2-6.5 9.6S12 23.5 16 25c4-1.5 6.5-4.2 6.5-8.4S20.5 10 16 7Z' fill='%23c98b5a'/%3E%3C/svg%3E"
    />`;

/** The three demos, in the order the bar lists them. */
const DEMOS = [
  {
    page: 'index.html',
    href: './',
    name: 'Plain HTML',
    icon: `<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M5.5 4.5 2 8l3.5 3.5M10.5 4.5 14 8l-3.5 3.5" fill="none" stroke="#f0a46c" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  },
  {
    page: 'react.html',
    href: './react.html',
    name: 'React 19',
    icon: `<svg viewBox="-12 -11 24 22" aria-hidden="true" focusable="false"><g fill="none" stroke="#61dafb" stroke-width="1.5"><ellipse rx="10" ry="4"/><ellipse rx="10" ry="4" transform="rotate(60)"/><ellipse rx="10" ry="4" transform="rotate(120)"/></g><circle r="2" fill="#61dafb"/></svg>`,
  },
  {
    page: 'vue.html',
    href: './vue.html',
    name: 'Vue 3',
    icon: `<svg viewBox="0 0 24 21" aria-hidden="true" focusable="false"><path d="M14.8 0 12 4.8 9.2 0H0l12 20.8L24 0z" fill="#42b883"/><path d="M14.8 0 12 4.8 9.2 0H4.8L12 12.5 19.2 0z" fill="#a7e3c9"/></svg>`,
  },
];

const BRAND_MARK = `<svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="9" fill="#3b2416"/><path d="M16 7c-4.5 3-6.5 6.2-6.5 9.6S12 23.5 16 25c4-1.5 6.5-4.2 6.5-8.4S20.5 10 16 7Z" fill="#c98b5a"/><path d="M16 8.5c-1.6 3-1.8 5.8-.6 8.4s1.3 5 .6 7.6" fill="none" stroke="#3b2416" stroke-width="1.6" stroke-linecap="round"/></svg>`;

/** What more than one page says the same, by name: an element with `data-part` gets it. */
const PARTS: Record<string, string> = {
  footer: `
      <p>
        <code>&lt;banq-checkout&gt;</code> from <code>src/</code>, the reference backend from
        <code>server/</code>, the shop's own server from <code>demo/server/</code>, and a mock of
        banq under <code>/mock-banq/</code>, all on this one server. No money moves.
      </p>
    `,
  /** The framework pages' app, until the framework renders it. */
  'app-loading': `
        <div class="fw-loading" aria-hidden="true">
          <div class="panel fw-skeleton"></div>
          <div class="console fw-skeleton fw-skeleton--dark"></div>
        </div>
      `,
  /** The framework pages' first point about their code. */
  'server-price': `
              <strong>The price is the server's.</strong> Each quantity is posted to
              <code>/demo-api/orders</code>; the element gets the order id and
              <code>funds</code> the shop's server answers, and the backend refuses any other
              amount.
            `,
};

/** The markup an element's `data-icon` or `data-part` names. */
const FILLS: Partial<Record<string, Partial<Record<string, string>>>> = { icon: ICON, part: PARTS };

/** The bar linking the three demos, `page` marked as the current one. */
function demosBar(page: string): string {
  const links = DEMOS.map(
    (demo) => `<li>
            <a class="demos__link" href="${demo.href}"${demo.page === page ? ' aria-current="page"' : ''}>
              ${demo.icon}
              ${demo.name}
            </a>
          </li>`,
  );
  return `<nav class="demos" aria-label="This demo in other frameworks">
      <div class="demos__inner">
        <span class="demos__label"><code>&lt;banq-checkout&gt;</code> in</span>
        <ul class="demos__list">
          ${links.join('\n          ')}
        </ul>
      </div>
    </nav>`;
}

/** What `<shell-header>` says, as HTML source (its attributes' values, and what it holds). */
interface HeaderOptions {
  skipTo: string;
  skipText: string;
  tagline: string;
  /** The page's own end of the top bar: its links. */
  end: string;
}

function header(page: string, { skipTo, skipText, tagline, end }: HeaderOptions): string {
  return `<a class="skip-link" href="${skipTo}">${skipText}</a>

    ${demosBar(page)}

    <header class="topbar">
      <div class="topbar__inner">
        <a class="brand" href="./">
          ${BRAND_MARK}
          <span class="brand__name">${SHOP_NAME}</span>
        </a>
        <p class="topbar__tag">
          ${tagline} · payments by <strong>banq</strong>
          <span class="topbar__sandbox">mock sandbox, no money moves</span>
        </p>
        ${end.trim()}
      </div>
    </header>`;
}

/** The attributes of a start tag's attribute text: `a="1" b="2"` → {a: '1', b: '2'}. */
function attributes(text: string): Map<string, string> {
  return new Map([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
}

/** `html`, the page `file` (a path ending in its name, `react.html`), in the shell. */
export function inPageShell(html: string, file: string): string {
  const page = file.split('/').pop() ?? file;
  const fail = (problem: string) => {
    throw new Error(`demo/${page}: ${problem} (see demo/page-shell.ts)`);
  };
  if (!DEMOS.some((demo) => demo.page === page)) fail('a page the demos bar does not list');
  let headers = 0;
  const out = html
    .replace(/<head>/, (head) => `${head}\n    ${HEAD}`)
    .replace(
      /<shell-header\b([^>]*)>([\s\S]*?)<\/shell-header>/g,
      (_tag, attrs: string, end: string) => {
        headers++;
        const found = attributes(attrs);
        const get = (name: string) => found.get(name) ?? fail(`<shell-header> needs ${name}="…"`);
        return header(page, {
          skipTo: get('skip-to'),
          skipText: get('skip-text'),
          tagline: get('tagline'),
          end,
        });
      },
    )
    .replace(
      /(<([a-z]+)\b[^>]*\sdata-(icon|part)="([\w-]+)"[^>]*>)\s*(<\/\2>)/g,
      (_element, start: string, _tag, kind: string, name: string, end: string) =>
        start + (FILLS[kind]?.[name] ?? fail(`no ${kind} "${name}"`)) + end,
    );
  if (headers !== 1) fail('the page needs one <shell-header>');
  if (/<\/?shell-/.test(out)) fail('a <shell-…> element the shell does not know');
  return out;
}
