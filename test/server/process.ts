/**
 * The production entry (`node --import tsx server/src/main.ts`, or built: `node
 * server/dist/server/src/main.js`) as a child process on loopback, for the tests that run it
 * as a process manager would: its stdout lines, its exit, signals, and a port it is given.
 * Every child is tracked so `after` hooks can kill what is left (`killEntries()`): a test
 * never leaves one running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'server/src/main.ts';
/** The entry as production runs it: built by `npm run build:server`, plain Node, no loader. */
export const BUILT_ENTRY = 'server/dist/server/src/main.js';

/** How a child ended: `code` when it exited, `signal` when a signal ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One stdout line as the entry logs it. */
export interface LogLine {
  step: string;
  [detail: string]: unknown;
}

const running = new Set<ChildProcess>();

/** A port nothing listens on right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Whether something accepts a TCP connection on the loopback port now (within `ms`). */
export function accepts(port: number, ms = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(false), ms);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function within<T>(
  promise: Promise<T>,
  ms: number,
  message: string | (() => string),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const text = typeof message === 'string' ? message : message();
      reject(new Error(`${text} (after ${ms} ms)`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The entry's environment: only what is given (and what Node needs to run), never the test
 * runner's own, so a DATABASE_URL or NODE_TEST_CONTEXT of the parent cannot leak in.
 */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'])
    if (process.env[name] !== undefined) base[name] = process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) base[name] = value;
  return base;
}

export interface Entry {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Every stdout line so far, as written. */
  readonly lines: string[];
  /** Everything on stderr so far. */
  readonly stderr: string;
  /** The stdout lines parsed (a line that is not JSON throws here). */
  logs(): LogLine[];
  /** Resolves with the first log line of `step` (already written or to come), within `ms`. */
  waitForStep(step: string, ms?: number): Promise<LogLine>;
  /** Resolves once the child ended. */
  readonly exited: Promise<Exit>;
  /** Resolves once the child ended, within `ms`. */
  waitForExit(ms?: number): Promise<Exit>;
  /** Sends `signal` and waits for the end, within `ms`. */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<Exit>;
}

export interface SpawnOptions {
  /** The PORT to pass; a free one by default. */
  port?: number;
  /** Run BUILT_ENTRY with plain Node instead of the sources through tsx. */
  built?: boolean;
}

/** Spawns the entry with `env` (plus PORT); does not wait for it to listen. */
export async function spawnEntry(
  env: Record<string, string | undefined>,
  { port, built = false }: SpawnOptions = {},
): Promise<Entry> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, built ? [BUILT_ENTRY] : ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: childEnv({ ...env, PORT: String(chosen) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const watchers: (() => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    let end: number;
    while ((end = partial.indexOf('\n')) >= 0) {
      lines.push(partial.slice(0, end));
      partial = partial.slice(end + 1);
    }
    for (const watcher of [...watchers]) watcher();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));

  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  // Flushed after exit: a last line without a newline is still a line.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let ended = false;
  void closed.then(() => {
    if (partial) lines.push(partial);
    partial = '';
    ended = true;
    for (const watcher of [...watchers]) watcher();
  });

  const parse = (line: string): LogLine => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      throw new Error(`a stdout line is not JSON: ${line}`);
    }
  };
  const find = (step: string) => {
    for (const line of lines) {
      try {
        const parsed = JSON.parse(line) as Partial<LogLine> | null;
        if (parsed?.step === step) return parsed as LogLine;
      } catch {
        // Not JSON: the logs test says so; here it is just not the line looked for.
      }
    }
    return undefined;
  };
  const output = () => `\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`;

  const waitForExit = (ms = 15_000) =>
    within(
      Promise.all([exited, closed]).then(([exit]) => exit),
      ms,
      () => `pid ${String(child.pid)} did not end${output()}`,
    );

  return {
    child,
    pid: child.pid!,
    port: chosen,
    url: `http://127.0.0.1:${chosen}`,
    lines,
    get stderr() {
      return stderr;
    },
    logs: () => lines.map(parse),
    waitForStep(step, ms = 15_000) {
      let watcher = () => {};
      const seen = new Promise<LogLine>((resolve, reject) => {
        watcher = () => {
          const line = find(step);
          if (line) resolve(line);
          else if (ended)
            reject(new Error(`pid ${String(child.pid)} ended without a "${step}" line${output()}`));
        };
        watchers.push(watcher);
        watcher();
      });
      return within(
        seen,
        ms,
        () => `no "${step}" line from pid ${String(child.pid)}${output()}`,
      ).finally(() => watchers.splice(watchers.indexOf(watcher), 1));
    },
    exited,
    waitForExit,
    stop(signal = 'SIGTERM', ms = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return waitForExit(ms);
    },
  };
}

/** Spawns the entry and waits until it logs `listening`. */
export async function startEntry(
  env: Record<string, string | undefined>,
  options: SpawnOptions = {},
): Promise<Entry> {
  const entry = await spawnEntry(env, options);
  try {
    await entry.waitForStep('listening', 30_000);
  } catch (error) {
    await entry.stop('SIGKILL', 5000).catch(() => {});
    throw error;
  }
  return entry;
}

/** Kills every child still running (SIGKILL) and waits for each to end: for `after` hooks. */
export async function killEntries(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const timer = setTimeout(resolve, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGKILL');
        }),
    ),
  );
}

// A test process that ends abruptly still takes its children with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Answer {
  status: number;
  body: Record<string, any>;
  text: string;
  headers: Headers;
}

/**
 * One request to `base` (an entry's, or nginx's, URL), answered within `ms`: a request that
 * hangs fails the test.
 */
export async function call(
  base: string,
  path: string,
  {
    method = 'GET',
    body,
    headers = {},
    ms = 5000,
  }: { method?: string; body?: unknown; headers?: Record<string, string>; ms?: number } = {},
): Promise<Answer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(base + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(ms),
    });
    text = await response.text();
  } catch (error) {
    // Say which of a test's many requests it was.
    throw new Error(`${method} ${base}${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: `text` has it.
  }
  return { status: response.status, body: json, text, headers: response.headers };
}
