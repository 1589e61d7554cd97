import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. a Chrome install) when set. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags verified on this machine: no sandbox (root), no GPU, and no background networking — without
 * those, Chromium's many connections to Google are refused by the closed network at every start.
 */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Says how to get a browser instead of failing with a stack trace from deep inside Playwright. */
export function missingChromiumMessage(path: string): string {
  return [
    `Chromium was not found at ${path}.`,
    "The end-to-end tests drive a real Chromium through playwright-core. Install Debian's package:",
    '    sudo apt-get install -y chromium',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary. (`npx playwright install` cannot',
    'download browsers on a machine without internet access; .ci/run installs the package itself.)',
  ].join('\n');
}

/** Launches headless Chromium, or throws an error that explains how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(missingChromiumMessage(CHROMIUM_PATH));
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}
