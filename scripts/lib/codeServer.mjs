// Starting and stopping code-server (VS Code 1.100's server and web workbench) and headless Chromium,
// the way the editor tests do (see scripts/run-editor-tests.mjs and the recipe in
// /work/shared/recipes/editor-tests): loopback only, no auth, nothing that phones home, all state in
// one temporary folder, every process in a process group of its own so that it can be ended whole.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codeServerDir = process.env.CODE_SERVER_DIR ?? path.join(root, '.vscode-test/code-server');
export const codeServerBin = process.env.CODE_SERVER ?? path.join(codeServerDir, 'node_modules/.bin/code-server');
export const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A failure of the machine or the setup rather than of this code (a package that cannot be
 * installed, a port in use, a build error): its message says what to do, and a stack trace would
 * only hide it. An empty message means that the reason has been printed already.
 */
export class SetupError extends Error {}

/**
 * Runs scripts/install-code-server.sh when code-server (or, with `browser`, Chromium) is missing.
 * The script is idempotent but slow to start (it checks npm), so it is skipped when both are there.
 */
export function ensureCodeServer({ browser = false, log = console.log } = {}) {
  const missing = [codeServerBin, ...(browser ? [chromiumBin] : [])].filter((p) => !existsSync(p));
  if (missing.length === 0) return;
  if (process.env.CODE_SERVER) throw new SetupError(`CODE_SERVER=${codeServerBin} does not exist`);
  log(`missing ${missing.join(', ')}: running scripts/install-code-server.sh (a few minutes, once)`);
  const args = [path.join(root, 'scripts/install-code-server.sh'), ...(browser ? ['--with-browser'] : [])];
  const result = spawnSync('bash', args, { cwd: root, stdio: 'inherit' });
  // Exit status 3: the script stopped on something it could name (no root, apt's lock held, apt
  // failing) and has said so in one sentence.
  if (result.status === 3) throw new SetupError('');
  if (result.signal) throw new SetupError(`scripts/install-code-server.sh was stopped (${result.signal})`);
  if (result.status !== 0) {
    throw new SetupError(`scripts/install-code-server.sh failed (exit ${result.status}): its output above says why`);
  }
  const still = missing.filter((p) => !existsSync(p));
  if (still.length) throw new SetupError(`still missing after scripts/install-code-server.sh: ${still.join(', ')}`);
}

/**
 * The folders of one code-server session under `tmp`, and an environment whose XDG and temp
 * folders point there too: otherwise code-server writes config, logs and a heartbeat under
 * ~/.config and ~/.local/share, VS Code a device id under ~/.cache, Chromium crash reports under
 * ~/.config/chromium, and the Git extension its IPC socket into /tmp.
 *
 * The environment also turns code-server's extension gallery off: code-server reads the gallery
 * from EXTENSIONS_GALLERY (JSON) and otherwise uses open-vsx.org. Once the workbench has loaded, it
 * asks the gallery about every running extension that is not installed (the extension under
 * development, in the editor tests), which no setting turns off, and offline that ends in a
 * `getaddrinfo ENOTFOUND open-vsx.org` stack trace in the test output. A gallery without a
 * serviceUrl is a disabled one; installing a .vsix still works.
 */
export function sessionDirs(tmp) {
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    chrome: path.join(tmp, 'chrome'),
    osTmp: path.join(tmp, 'os-tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: dirs.osTmp,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}',
  };
  return { ...dirs, env };
}

/** User settings for a quiet workbench: no welcome page, tips, update checks, telemetry or trust prompt. */
export function writeUserSettings(userData, extra = {}) {
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    ...extra,
  };
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** True when nothing listens on 127.0.0.1:port (a listener on the port is the only thing that matters). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port that the kernel just handed out, so free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A set of child processes, each spawned detached so that it leads its own process group, that can
 * be ended together: SIGTERM to every group, a grace period, SIGKILL, and then a sweep for
 * processes that left the groups but still name `tmp` in their command line or working folder
 * (Chromium's crashpad handler, for one).
 */
export class ProcessGroups {
  constructor(tmp) {
    this.tmp = tmp;
    this.children = new Set();
  }

  spawn(command, args, options) {
    const child = spawn(command, args, { ...options, detached: true });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  async stopAll({ graceMs = 5000, log = () => {} } = {}) {
    const children = [...this.children];
    for (const child of children) signalGroup(child, 'SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null && child.signalCode === null
          ? Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(graceMs)])
          : undefined,
      ),
    );
    await sleep(300);
    for (const child of children) signalGroup(child, 'SIGKILL');
    for (let i = 0; i < 20; i++) {
      const left = processesNaming(this.tmp);
      if (!left.length) break;
      if (i >= 10) {
        for (const p of left) {
          if (i === 10) log(`still running after the group kill, killing pid ${p.pid}: ${p.cmd}`);
          try {
            process.kill(p.pid, 'SIGKILL');
          } catch {
            /* gone meanwhile */
          }
        }
      }
      await sleep(200);
    }
  }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* the group is gone */
  }
}

/** Processes other than this one whose command line or working folder names `folder`. */
function processesNaming(folder) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        /* not ours to read */
      }
      if (cmd.includes(folder) || cwd.startsWith(folder)) found.push({ pid: Number(pid), cmd: cmd.slice(0, 160) });
    } catch {
      /* ended meanwhile */
    }
  }
  return found;
}

/**
 * code-server's command line: loopback only, no auth, nothing that phones home. Workspace trust is
 * off unless `workspaceTrust` (then the user settings decide, see writeUserSettings).
 */
export function codeServerArgs(dirs, authority, { workspaceTrust = false } = {}) {
  return [
    codeServerBin,
    '--auth',
    'none',
    '--bind-addr',
    authority,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

/**
 * Starts code-server on 127.0.0.1:port with the given user-data and extensions folders and waits
 * until it answers /healthz. `onExit` is called if it exits by itself. Returns the child and its base URL.
 */
export async function startCodeServer({ groups, dirs, port, onOutput = () => {}, onExit = () => {}, timeoutMs = 60_000 }) {
  const authority = `127.0.0.1:${port}`;
  const server = groups.spawn(process.execPath, codeServerArgs(dirs, authority), { env: dirs.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let recentOutput = '';
  const output = (chunk) => {
    recentOutput = (recentOutput + chunk).slice(-20_000);
    onOutput(String(chunk));
  };
  server.stdout.on('data', output);
  server.stderr.on('data', output);
  let exited;
  server.once('exit', (code, signal) => {
    exited = code ?? signal;
    onExit(exited, recentOutput);
  });
  const base = `http://${authority}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new SetupError(`code-server exited early (${exited})\n${recentOutput}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new SetupError(`code-server did not answer ${base}/healthz within ${timeoutMs / 1000} s\n${recentOutput}`);
    await sleep(100);
  }
  return { server, base };
}

/**
 * Chromium's flags for a headless run without background traffic (as in the recipe). A JSON file,
 * so that the TypeScript benchmark (bench/growthPng.ts) reads the same list.
 */
export const CHROMIUM_ARGS = createRequire(import.meta.url)('./chromiumArgs.json');

/**
 * Headless Chromium on a fresh profile: playwright wants it through launchPersistentContext, not
 * --user-data-dir. Playwright's own signal handlers would close the browser and exit at once, before
 * the caller's cleanup has ended code-server, so signals are left to the caller.
 */
export function launchBrowser(profileDir, env, viewport) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumBin,
    env,
    headless: true,
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport,
    args: CHROMIUM_ARGS,
  });
}

/** The browser's page, with a 30 s default time-out and, when `verbose`, its console on stderr. */
export async function browserPage(browser, verbose) {
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30_000);
  if (verbose) {
    page.on('console', (m) => console.error(`[browser:${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[browser:pageerror] ${e.message}`));
  }
  return page;
}
