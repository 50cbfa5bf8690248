/**
 * The scale-out tests' fleet, on loopback only: the fake banq, a stand-in orders service, a
 * PostgreSQL database of their own (banq_scale, its schema dropped and made again for each
 * test file), instances of the built production entry (`node server/dist/server/src/main.js`,
 * plain Node, as production runs it) on distinct ports with one environment, and nginx in
 * front, its site rendered from examples/scale-out/nginx.conf so the example is what is tested.
 * `fleet.stop()`, in an `after` hook, ends every process whatever a test did.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { fakeBanqEnv, startFakeBanq, type FakeBanq } from '../../testing/fake-banq.js';
import { openStream, sleep, type SseEvent } from '../server/harness.js';
import { startOrdersService, type OrdersService } from '../../testing/orders-service.js';
import { WEBHOOK_PATH } from '../../server/src/webhooks.js';
import {
  accepts,
  BUILT_ENTRY,
  call,
  freePort,
  killEntries,
  startEntry,
  within,
  type Entry,
} from '../server/process.js';

export { call } from '../server/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The example the nginx in front of the fleet runs. */
const EXAMPLE_NGINX = join(ROOT, 'examples/scale-out/nginx.conf');
/** Debian's nginx; `.ci/run` installs it. */
const NGINX = '/usr/sbin/nginx';
/** The secret the fleet's registered webhook URL carries. */
const WEBHOOK_SECRET = 'whsec-scale-5e1d';
const EVENTS_SECRET = 'evsec-scale-93c2';

/** The fleet's database: TEST_DATABASE_URL's server, the banq_scale database. */
export const SCALE_DATABASE_URL = (() => {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://banq:banq@127.0.0.1:5432/banq_test',
  );
  url.pathname = '/banq_scale';
  return url.href;
})();
const DATABASE_NAME = 'banq_scale';

// ---------------------------------------------------------------------------------------------
// The built entry

/**
 * Fails unless `npm run build:server` has built every source as it is now: a stale build would
 * test yesterday's server. (tsc rewrites every output on each build.)
 */
function assertBuilt(): void {
  const entry = join(ROOT, BUILT_ENTRY);
  assert.ok(existsSync(entry), `${BUILT_ENTRY} is missing: run \`npm run build:server\` first`);
  const sources: string[] = [join(ROOT, 'src/funds.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }))
      if (name.isDirectory()) walk(join(dir, name.name));
      else if (name.name.endsWith('.ts') && !name.name.endsWith('.d.ts'))
        sources.push(join(dir, name.name));
  };
  walk(join(ROOT, 'server/src'));
  const stale = sources.filter((source) => {
    const built = join(ROOT, 'server/dist', relative(ROOT, source)).replace(/\.ts$/, '.js');
    return !existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs;
  });
  assert.deepEqual(
    stale.map((source) => relative(ROOT, source)),
    [],
    'server/dist is older than these sources: run `npm run build:server` first',
  );
}

// ---------------------------------------------------------------------------------------------
// The database

let admin: postgres.Sql | undefined;

/** The tests' own connection to the fleet's database, as the banq role. */
function database(): postgres.Sql {
  return (admin ??= postgres(SCALE_DATABASE_URL, {
    max: 2,
    onnotice: () => {},
    connect_timeout: 5,
  }));
}

/** Ends every other session on the fleet's database, then drops its schema and makes it again. */
async function resetDatabase(): Promise<void> {
  const sql = database();
  try {
    await sql`select 1`;
  } catch (error) {
    throw new Error(
      `the scale-out tests need the ${DATABASE_NAME} database at ${SCALE_DATABASE_URL}: run ` +
        `scripts/postgres-for-tests.sh as root, or set TEST_DATABASE_URL (${(error as Error).message})`,
      { cause: error },
    );
  }
  // Left by a run that did not end cleanly: nothing may hold a lock on what is dropped.
  await sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and usename = current_user
              and pid <> pg_backend_pid()`;
  await sql.unsafe('drop schema if exists public cascade');
  await sql.unsafe('create schema public');
}

/** One session of the fleet's database, as pg_stat_activity shows it. */
export interface Backend {
  pid: number;
  clientPort: number | null;
  applicationName: string;
  user: string;
  query: string;
}

/** Every session of the fleet's database. */
export async function backends(): Promise<Backend[]> {
  const rows = await database()<
    {
      pid: number;
      client_port: number | null;
      application_name: string;
      usename: string;
      query: string;
    }[]
  >`select pid, client_port, application_name, usename, query from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
  return rows.map((row) => ({
    pid: row.pid,
    clientPort: row.client_port,
    applicationName: row.application_name,
    user: row.usename,
    query: row.query,
  }));
}

/** The local TCP ports of the sockets process `pid` holds (from /proc: no tool needed). */
function tcpPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (socket) inodes.add(socket[1]);
    } catch {
      // Closed meanwhile.
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length > 9 && inodes.has(columns[9]))
        ports.add(parseInt(columns[1].split(':').at(-1)!, 16));
    }
  }
  return ports;
}

/** The instance's sessions that LISTEN (their last query starts with LISTEN). */
export async function listeningBackends(instance: Instance): Promise<Backend[]> {
  const ports = tcpPortsOf(instance.pid);
  return (await backends()).filter(
    (backend) =>
      backend.clientPort !== null &&
      ports.has(backend.clientPort) &&
      /^\s*listen\b/i.test(backend.query),
  );
}

/**
 * Runs `sql` as the `postgres` superuser over the local socket (`runuser`, so as root: the
 * tests run as root, as .ci/run does). Answers psql's unaligned output.
 */
export async function asSuperuser(sql: string): Promise<string> {
  assert.equal(
    process.getuid?.(),
    0,
    'this test acts as the postgres superuser through `runuser -u postgres`: run it as root',
  );
  const port = new URL(SCALE_DATABASE_URL).port || '5432';
  const { stdout } = await promisify(execFile)(
    'runuser',
    ['-u', 'postgres', '--', 'psql', '-qAtX', '-v', 'ON_ERROR_STOP=1', '-p', port, '-c', sql],
    { timeout: 10_000, encoding: 'utf8' },
  );
  return stdout.trim();
}

// ---------------------------------------------------------------------------------------------
// nginx

const nginxes = new Set<ChildProcess>();

export interface Nginx {
  port: number;
  url: string;
  /** The site as rendered from the example. */
  site: string;
  /** nginx's error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Replaces the directive `from` (not in a comment), which must be in `text` exactly once. */
function once(text: string, from: string, to: string): string {
  const directive = new RegExp(`^(\\s*)${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gm');
  const found = text.match(directive)?.length ?? 0;
  assert.equal(
    found,
    1,
    `${relative(ROOT, EXAMPLE_NGINX)} must have the line "${from}…" exactly once (the tests replace it)`,
  );
  return text.replace(directive, `$1${to}`);
}

/** The example's site, on `port`, in front of the two instances. */
function renderSite(port: number, [first, second]: Instance[]): string {
  let site = readFileSync(EXAMPLE_NGINX, 'utf8');
  site = once(site, 'server 127.0.0.1:3001 ', `server 127.0.0.1:${first.port} `);
  site = once(site, 'server 127.0.0.1:3002 ', `server 127.0.0.1:${second.port} `);
  site = once(site, 'listen 80;', `listen 127.0.0.1:${port};`);
  assert.equal(site.match(/^\s*listen\b/gm)?.length, 1, 'the example listens on port 80 only');
  return site;
}

/** The pids of a process's children (nginx's workers). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * nginx in the foreground, its files all in a temporary directory: an http context standing in
 * for Debian's /etc/nginx/nginx.conf, which includes the example's site.
 */
async function startNginx(upstreams: Instance[]): Promise<Nginx> {
  assert.ok(
    existsSync(NGINX),
    `nginx is missing (${NGINX}): install Debian's package (apt-get install nginx; .ci/run does)`,
  );
  const port = await freePort();
  const site = renderSite(port, upstreams);
  const dir = mkdtempSync(join(tmpdir(), 'banq-scale-nginx-'));
  // nginx's workers run as nobody: they must reach the temporary paths.
  chmodSync(dir, 0o755);
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 1024; }
http {
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`,
  );
  const child = spawn(
    NGINX,
    ['-p', `${dir}/`, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  nginxes.add(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.on('error', (error) => (output += `${error.message}\n`));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      nginxes.delete(child);
      resolve();
    }),
  );
  const errorLog = () => {
    try {
      return readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.pid === undefined) {
        // Never started (spawn failed): nothing to end.
        nginxes.delete(child);
        rmSync(dir, { recursive: true, force: true });
        return;
      }
      const workers = childrenOf(child.pid);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const ended = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!ended) {
        for (const pid of [child.pid, ...workers]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone.
          }
        }
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  for (const deadline = Date.now() + 10_000; !(await accepts(port, 500)); await sleep(50)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = `nginx did not start on ${port}:\n${output}\n${errorLog()}`;
      await stop();
      throw new Error(why);
    }
  }
  return { port, url: `http://127.0.0.1:${port}`, site, errorLog, stop };
}

// A test process that ends abruptly still takes its nginx with it (the master ends its workers).
process.once('exit', () => {
  for (const child of nginxes) child.kill('SIGTERM');
});

// ---------------------------------------------------------------------------------------------
// Requests and event streams

type Stream = Awaited<ReturnType<typeof openStream>>;

const streams = new Set<Stream>();

/**
 * The order's events stream at `base`: answered 200 within 5 s, its first block `retry: 1000`.
 * `lastEventId` is sent as `Last-Event-ID`, as an EventSource reconnecting does.
 */
export async function listen(
  base: string,
  orderId: string,
  token: string,
  { lastEventId, headers = {} }: { lastEventId?: number; headers?: Record<string, string> } = {},
): Promise<Stream> {
  const url = `${base}/payment-events?orderId=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`;
  const stream = await within(
    openStream(url, {
      ...headers,
      ...(lastEventId !== undefined && { 'last-event-id': String(lastEventId) }),
    }),
    5000,
    `the events stream of ${orderId} at ${base} did not answer`,
  );
  streams.add(stream);
  assert.equal(stream.status, 200, `the events stream of ${orderId} at ${base}`);
  const first = await stream.next({ comments: true, ms: 3000 });
  assert.deepEqual(first, { retry: '1000' }, `the stream of ${orderId} starts with retry: 1000`);
  return stream;
}

/** One event's `id:` and data. */
interface Received {
  id: number;
  data: Record<string, unknown>;
}

const received = (event: SseEvent): Received => ({
  id: Number(event.id),
  data: JSON.parse(event.data!) as Record<string, unknown>,
});

/** The next event with data, within `ms`. */
export async function nextEvent(stream: Stream, ms: number, what: string): Promise<Received> {
  try {
    return received(await stream.next({ ms }));
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Every event with data the stream gets for `ms` (less if it ends), and those it holds already:
 * `eventsFor(stream, 0)` is what has arrived so far.
 */
export async function eventsFor(stream: Stream, ms: number): Promise<Received[]> {
  const events: Received[] = [];
  for (const deadline = Date.now() + ms; ;) {
    try {
      // next() takes a queued event first, whatever time is left.
      events.push(received(await stream.next({ ms: Math.max(0, deadline - Date.now()) })));
    } catch {
      return events;
    }
  }
}

/** A completed payment's webhook event, as banq sends it. */
const completed = (paymentId: string) => ({
  id: `evt-${paymentId}`,
  action: 'completed',
  resourceType: 'Payment',
  resourceId: paymentId,
});

// ---------------------------------------------------------------------------------------------
// The fleet

interface Instance extends Entry {
  name: string;
}

/** An order's link: its URL, the events token and banq's payment id. */
export interface Made {
  orderId: string;
  url: string;
  eventsToken: string;
  paymentId: string;
}

interface FleetOptions {
  /** Added to (undefined: taken from) every instance's environment. */
  env?: Record<string, string | undefined>;
  /** The instances started at once, all together; `a` and `b` by default. */
  names?: string[];
}

let fleetCount = 0;

/**
 * The fake banq, the orders service, the fleet's database emptied, and the instances started
 * all together on it (as a deploy starts them).
 */
export async function startFleet({ env = {}, names = ['a', 'b'] }: FleetOptions = {}) {
  assertBuilt();
  const fleetId = `${process.pid}-${++fleetCount}`;
  let orderCount = 0;
  const fake: FakeBanq = await startFakeBanq();
  const orders: OrdersService = await startOrdersService();
  const nginx: Nginx[] = [];
  const instances = new Map<string, Instance>();

  /** One environment for every instance, as a shared env file gives them. */
  const shared: Record<string, string | undefined> = {
    ...fakeBanqEnv(fake),
    ORDERS_URL: orders.url,
    DATABASE_URL: SCALE_DATABASE_URL,
    WEBHOOK_SECRET,
    EVENTS_SECRET,
    RECONCILE_INTERVAL_MS: '0',
    // Every request comes from 127.0.0.1: the one test of the limit turns it on.
    LINK_RATE_LIMIT: '0',
    TRUST_PROXY: '1',
    ...env,
  };

  /** Starts an instance (`listening` logged) of the built entry with the fleet's environment. */
  async function startInstance(name: string): Promise<Instance> {
    const entry = await startEntry(shared, { built: true });
    const instance: Instance = Object.assign(entry, { name });
    instances.set(name, instance);
    return instance;
  }

  const stop = async () => {
    for (const stream of streams) stream.close();
    streams.clear();
    await Promise.all(nginx.map((proxy) => proxy.stop()));
    await killEntries();
    await orders.close();
    await fake.close();
    const sql = admin;
    admin = undefined;
    await sql?.end({ timeout: 1 });
  };

  try {
    await resetDatabase();
    await Promise.all(names.map(startInstance));
  } catch (error) {
    await stop();
    throw error;
  }

  /** banq's webhook for the payment, delivered to `base`. */
  const webhook = (base: string, paymentId: string) =>
    call(base, `${WEBHOOK_PATH}?secret=${encodeURIComponent(WEBHOOK_SECRET)}`, {
      method: 'POST',
      body: completed(paymentId),
    });

  const instance = (name: string) => {
    const found = instances.get(name);
    assert.ok(found, `no instance ${name}`);
    return found;
  };

  return {
    fake,
    orders,
    env: shared,
    get a() {
      return instance('a');
    },
    get b() {
      return instance('b');
    },
    instance,
    startInstance,
    /** nginx in front of instances a and b, from the example's site. */
    async startNginx(): Promise<Nginx> {
      const proxy = await startNginx([instance('a'), instance('b')]);
      nginx.push(proxy);
      return proxy;
    },
    /** A new order the merchant has, for `funds`. */
    newOrder(funds = 12.5): string {
      const orderId = `so-${fleetId}-${++orderCount}`;
      orders.state.orders.set(orderId, { funds });
      return orderId;
    },
    /** The order's link, asked of `base`: 200 expected. */
    async linkOf(
      base: string,
      orderId: string,
      headers: Record<string, string> = {},
    ): Promise<Made> {
      const answer = await call(base, '/generate-payment-link', {
        method: 'POST',
        body: { orderId },
        headers,
      });
      assert.equal(answer.status, 200, `the link of ${orderId} at ${base}: ${answer.text}`);
      const { url, eventsToken } = answer.body.data as { url: string; eventsToken: string };
      return { orderId, url, eventsToken, paymentId: url.split('/').pop()! };
    },
    webhook,
    /** The shopper pays on banq, and banq's webhook reaches `base`, which records it. */
    async pay(base: string, made: Made): Promise<void> {
      fake.complete(made.paymentId);
      const hook = await webhook(base, made.paymentId);
      assert.equal(hook.status, 200, `the webhook of ${made.orderId} at ${base}: ${hook.text}`);
      assert.deepEqual(hook.body, { paid: made.orderId });
    },
    /** banq links made for the order. */
    linksMadeFor: (orderId: string) =>
      fake.state.linkRequests.filter((request) => request.body.externalOrderCode === orderId)
        .length,
    stop,
  };
}

export type Fleet = Awaited<ReturnType<typeof startFleet>>;

/**
 * The fleet of one test file, with nginx in front of it when `nginx` is set: started before the
 * file's tests, stopped after them. Its fields are set once `before` has run.
 */
export function fleetForFile({ nginx, ...options }: FleetOptions & { nginx?: boolean } = {}) {
  const t = {} as {
    fleet: Fleet;
    nginx: Nginx;
    /** A test on this fleet: `body` gets it, started; `timeout` is the test's, in ms. */
    it: (name: string, timeout: number, body: (fleet: Fleet) => Promise<void>) => void;
  };
  t.it = (name, timeout, body) => void it(name, { timeout }, () => body(t.fleet));
  before(
    async () => {
      t.fleet = await startFleet(options);
      if (nginx) t.nginx = await t.fleet.startNginx();
    },
    { timeout: 60_000 },
  );
  // Unset if before() failed.
  after(() => (t.fleet as Fleet | undefined)?.stop(), { timeout: 30_000 });
  return t;
}

/** Polls `check` until it answers something, within `ms`; `message` says what never came. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  ms: number,
  message: () => string | Promise<string>,
): Promise<T> {
  for (const deadline = Date.now() + ms; ; await sleep(50)) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${await message()} (within ${ms} ms)`);
  }
}

/** What a test's failure message shows of an instance: its last log lines. */
export const tail = (instance: Instance, lines = 20) =>
  `\n${instance.name} (pid ${instance.pid}):\n${instance.lines.slice(-lines).join('\n')}\n${instance.stderr}`;

/** The message a stream gets for the order's payment. */
export const paidMessage = (made: Made) => ({
  orderId: made.orderId,
  status: 'completed',
  paymentId: made.paymentId,
});
