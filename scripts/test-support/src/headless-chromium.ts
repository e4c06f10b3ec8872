/** Debian's Chromium, which .ci/run installs when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launch options for playwright-core's `chromium.launch()` on this kind of machine: headless, no
 * GPU, no sandbox (tests run as root), and no background calls home (the network is closed, and
 * Chromium's refused connections would otherwise pile up).
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
} as const;
