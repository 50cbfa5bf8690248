/** The system's Chromium through playwright-core: never a downloaded browser, loopback only. */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../testing/chromium.js';

export { CHROMIUM_ARGS };
export const CHROMIUM_PATH = chromiumPath();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}
