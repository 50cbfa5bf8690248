/**
 * A bare DevTools-protocol connection to the system's Chromium over `--remote-debugging-pipe`,
 * for the churn benchmark's heap figures. Not through Playwright on purpose: Playwright
 * enables the protocol's Network domain on every page, and Chromium then keeps a record of
 * every request for DevTools in Blink's heap (about 0.3 KB each, never released), which
 * would read as growth of the page's heap. Nothing here enables Network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { within } from './stats.js';

const COMMAND_TIMEOUT_MS = 30_000;

type Params = Record<string, unknown>;
interface Message {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export interface CdpTarget {
  /** Sends a command to the page's session. */
  send<T = Record<string, unknown>>(method: string, params?: Params): Promise<T>;
  /** Evaluates `expression` in the page, awaiting a promise; resolves with its JSON value. */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface RawChromium {
  /** A new page in a fresh browser context (no shared cache), opened at `url`. */
  open(url: string): Promise<CdpTarget>;
  close(): Promise<void>;
}

/** Sends one DevTools command (to a page's session, when given); resolves with its result. */
type Send = <T>(
  method: string,
  params?: Params,
  sessionId?: string,
  timeoutMs?: number,
) => Promise<T>;

export async function launchRawChromium(): Promise<RawChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'banq-bench-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      // As Playwright starts it: a page in the background is not slowed down.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = pipeConnection(child);
  await send('Browser.getVersion');

  return {
    open: (url) => openTarget(send, url),
    async close() {
      await send('Browser.close').catch(() => {});
      await within(exited, 10_000, 'Chromium exiting').catch(() => child.kill('SIGKILL'));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The DevTools protocol over Chromium's pipe (`--remote-debugging-pipe`: messages ending in a
 * NUL, commands on fd 3, answers on fd 4). Every command still waiting fails when Chromium exits.
 */
function pipeConnection(child: ChildProcess): Send {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let nextId = 0;
  const pending = new Map<number, (message: Message) => void>();
  let buffer = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) pending.get(message.id)?.(message);
    }
  });
  child.once('exit', () => {
    for (const reply of pending.values()) reply({ error: { message: 'Chromium exited' } });
  });

  return function send<T>(
    method: string,
    params: Params = {},
    sessionId?: string,
    timeoutMs = COMMAND_TIMEOUT_MS,
  ): Promise<T> {
    const id = ++nextId;
    const reply = new Promise<T>((resolve, reject) => {
      pending.set(id, (message) => {
        pending.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve((message.result ?? {}) as T);
      });
    });
    input.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    return within(reply, timeoutMs, method);
  };
}

/** A new page at `url` in a fresh browser context, attached to its own session. */
async function openTarget(send: Send, url: string): Promise<CdpTarget> {
  const { browserContextId } = await send<{ browserContextId: string }>(
    'Target.createBrowserContext',
  );
  const { targetId } = await send<{ targetId: string }>('Target.createTarget', {
    url,
    browserContextId,
  });
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  return {
    send: (method, params) => send(method, params, sessionId),
    async evaluate<T>(expression: string, timeoutMs?: number) {
      const answer = await send<{
        result: { value?: unknown };
        exceptionDetails?: { exception?: { description?: string }; text: string };
      }>(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true },
        sessionId,
        timeoutMs,
      );
      if (answer.exceptionDetails)
        throw new Error(
          answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text,
        );
      return answer.result.value as T;
    },
    async close() {
      await send('Target.disposeBrowserContext', { browserContextId });
    },
  };
}
