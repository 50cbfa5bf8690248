// @ts-check
/**
 * How every test and benchmark starts Chromium: the system's (or CHROME_PATH's), never a
 * downloaded one, with the flags a machine with no outside network needs (no background
 * connections, no component updates, no QUIC).
 */
export const chromiumPath = () => process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
