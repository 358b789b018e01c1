// Smoke test of the packaged extension: installs a .vsix into a fresh code-server (VS Code 1.100 web
// workbench + Node extension host), opens a copy of a real KEP in headless Chromium, opens its README
// through Quick Open and waits until the Problems panel shows diagnostics from the KEP language server.
// No test code runs inside VS Code: everything is read from the DOM, as a user would see it.
// Based on the verified recipe in /work/shared/recipes/editor-tests (ui-smoke.mjs, run-e2e.mjs).
//
// Usage: node scripts/vsix-smoke.mjs [path/to/extension.vsix]      (default: vscode-kep.vsix in the repo root)
//        npm run package && node scripts/vsix-smoke.mjs
//
// Exit status: 0  the extension installed, is listed with package.json's version, and the Problems panel
//                 showed at least one diagnostic with source `kep` and a KEP rule code
//              1  any of that failed, or the run timed out (VSIX_SMOKE_TIMEOUT_S)
//              2  a prerequisite is missing (the .vsix, code-server, Chromium, the KEP sample)
//              130 / 143 / 129  interrupted by SIGINT / SIGTERM / SIGHUP (after cleaning up)
// Whatever the outcome, code-server, Chromium and the language server are ended and the temporary folder
// is removed; only the screenshot(s) stay, in the OS temp folder (their paths are printed).
// Env: CODE_SERVER              code-server launcher (default .vscode-test/code-server/node_modules/.bin/code-server,
//                               or $CODE_SERVER_DIR/node_modules/.bin/code-server)
//      CHROMIUM                 browser binary (default /usr/bin/chromium)
//      KEP_SAMPLE               kubernetes/enhancements checkout (default: the nearest shared/enhancements-sample
//                               beside the checkout or in a folder above it)
//      KEP_DIR                  the KEP folder to open, relative to KEP_SAMPLE (default keps/sig-node/4265-proc-mount)
//      VSIX_SMOKE_DIAG_TIMEOUT_S  how long to wait for the diagnostics once the README is open (default 60)
//      VSIX_SMOKE_TIMEOUT_S     limit for the whole run (default 240)
//      VSIX_SMOKE_SCREENSHOT    where to write the screenshot (default a new file in the OS temp folder)
//      VSIX_SMOKE_VERBOSE=1     also print code-server's log and the browser console
//      VSIX_SMOKE_KEEP=1        keep the temporary folder (user data, extensions, workspace, profile)
/* global document -- used inside page.evaluate(), which runs in the browser */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  browserPage,
  ProcessGroups,
  chromiumBin as browserPath,
  codeServerBin as codeServer,
  freePort,
  launchBrowser,
  root,
  sessionDirs,
  sleep,
  startCodeServer,
  writeUserSettings,
} from './lib/codeServer.mjs';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[vsix-smoke ${elapsed()}] ${msg}`);
const fail = (msg) => console.error(`[vsix-smoke ${elapsed()}] ${msg}`);

if (['-h', '--help'].includes(process.argv[2])) {
  console.log('Usage: node scripts/vsix-smoke.mjs [path/to/extension.vsix]   (default: vscode-kep.vsix in the repo root)');
  process.exit(0);
}
const vsix = path.resolve(process.argv[2] ?? path.join(root, 'vscode-kep.vsix'));
const sample = path.resolve(process.env.KEP_SAMPLE ?? findSample());
const kepDir = process.env.KEP_DIR ?? 'keps/sig-node/4265-proc-mount';
const templateDir = 'keps/NNNN-kep-template';
const diagTimeoutMs = Number(process.env.VSIX_SMOKE_DIAG_TIMEOUT_S ?? 60) * 1000;
const totalTimeoutMs = Number(process.env.VSIX_SMOKE_TIMEOUT_S ?? 240) * 1000;
const verbose = Boolean(process.env.VSIX_SMOKE_VERBOSE);
const keep = Boolean(process.env.VSIX_SMOKE_KEEP);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`.toLowerCase();
const expectedListing = `${extensionId}@${pkg.version}`;
// Rule ids of the KEP language server (package.json, kep.rules); a Problems row counts only with one of them.
const ruleIds = [
  'missing-section',
  'empty-section',
  'section-order',
  'heading-level',
  'duplicate-section',
  'template-comment',
  'placeholder',
  'toc',
  'unresolved',
];

// The enhancements sample in a `shared/` folder beside the checkout or further up (a git worktree
// sits deeper than the main checkout), as test/unit/support/sample.ts finds it.
function findSample() {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/enhancements-sample');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(root, '..', 'shared/enhancements-sample');
  }
}

// ---- prerequisites --------------------------------------------------------------------------------
const missing = [];
if (!existsSync(vsix) || !statSync(vsix).isFile()) missing.push(`the .vsix ${vsix} (build it with: npm run package)`);
if (!existsSync(codeServer)) missing.push(`code-server ${codeServer} (install it with: bash scripts/install-code-server.sh, or set CODE_SERVER)`);
if (!existsSync(browserPath)) missing.push(`Chromium ${browserPath} (apt-get install chromium, or set CHROMIUM)`);
for (const d of [templateDir, kepDir]) {
  for (const f of ['README.md', 'kep.yaml']) {
    if (!existsSync(path.join(sample, d, f))) missing.push(`KEP sample file ${path.join(sample, d, f)} (set KEP_SAMPLE / KEP_DIR)`);
  }
}
if (missing.length) {
  for (const m of missing) fail(`missing: ${m}`);
  fail('FAIL: prerequisites missing');
  process.exit(2);
}
if (!process.argv[2]) {
  const distServer = path.join(root, 'dist/server.js');
  if (existsSync(distServer) && statSync(distServer).mtimeMs > statSync(vsix).mtimeMs) {
    log(`note: ${path.relative(root, vsix)} is older than dist/server.js; run npm run package to test the current code`);
    // (a plain npm run build also touches dist/, so this is a hint, not an error)
  }
}

// ---- temporary folders ----------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(tmpdir(), 'vsix-smoke-'));
// user data, extensions, Chromium profile, and XDG and TMPDIR for the children, all inside tmp
const dirs = { ...sessionDirs(tmp), workspace: path.join(tmp, 'workspace') };
mkdirSync(dirs.workspace, { recursive: true });
const childEnv = dirs.env;
const screenshot = path.resolve(process.env.VSIX_SMOKE_SCREENSHOT ?? path.join(tmpdir(), `${path.basename(tmp)}-problems.png`));
writeUserSettings(dirs.userData);

// ---- cleanup: every exit path goes through finish() -----------------------------------------------
const groups = new ProcessGroups(tmp); // code-server and its CLI runs, each in its own process group
let browser;
let browserLaunch; // set while Chromium is starting, so that a time-out or signal then can still close it
let finishing;

async function cleanup() {
  const b = browser ?? (browserLaunch && (await Promise.race([browserLaunch.catch(() => undefined), sleep(10_000)])));
  if (b) await Promise.race([b.close().catch(() => {}), sleep(10_000)]);
  await groups.stopAll({ log: fail });
  if (keep) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}

async function finish(code, why) {
  if (finishing) return finishing;
  finishing = (async () => {
    if (why) (code === 0 ? log : fail)(why);
    await cleanup();
    console.log(code === 0 ? `vsix smoke: OK (${shownCount} problems shown)` : `vsix smoke: FAIL (exit ${code}, ${elapsed()})`);
    process.exit(code);
  })();
  return finishing;
}
let shownCount = 0;
setTimeout(() => finish(1, `FAIL: timed out after ${totalTimeoutMs / 1000} s (VSIX_SMOKE_TIMEOUT_S)`), totalTimeoutMs);
const signalCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [sig, code] of Object.entries(signalCodes)) process.on(sig, () => finish(code, `interrupted by ${sig}`));
process.on('uncaughtException', (e) => finish(1, `FAIL: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => finish(1, `FAIL: ${e?.stack ?? e}`));

// Runs the code-server CLI to completion (killable by cleanup), returns its output.
function runCli(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = groups.spawn(process.execPath, [codeServer, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      out += b;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group gone */
      }
      reject(new Error(`code-server ${args.join(' ')} timed out after ${timeoutMs / 1000} s\n${out}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} exited with ${code ?? signal}\n${out}`));
    });
  });
}

// Polls fn() until it returns a truthy value or the deadline passes; returns the last value.
// An exception counts as "not yet" (the last one is kept in pollError for the failure message).
let pollError;
async function poll(fn, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  pollError = undefined;
  for (;;) {
    const v = await fn().catch((e) => {
      pollError = e;
      return undefined;
    });
    if (v || Date.now() > deadline) return v;
    await sleep(intervalMs);
  }
}

// ---- the smoke test -------------------------------------------------------------------------------
let page;
async function main() {
  log(`vsix ${vsix} (${statSync(vsix).size} bytes), expecting ${expectedListing}`);
  log(`temporary folder ${tmp}`);

  // 1. install and list
  const installOut = await runCli(['--install-extension', vsix], 120_000);
  log(`installed: ${installOut.trim().split('\n').filter(Boolean).pop()}`);
  const listing = (await runCli(['--list-extensions', '--show-versions'], 60_000))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (!listing.some((l) => l.toLowerCase() === expectedListing)) {
    return finish(1, `FAIL: --list-extensions --show-versions does not list ${expectedListing}; it listed: ${JSON.stringify(listing)}`);
  }
  log(`listed: ${listing.join(', ')}`);

  // 2. workspace: the template and one real KEP, in the keps/ layout
  for (const d of [templateDir, kepDir]) cpSync(path.join(sample, d), path.join(dirs.workspace, d), { recursive: true });
  const kepName = path.basename(kepDir);
  log(`workspace ${dirs.workspace}: ${templateDir}, ${kepDir} (from ${sample})`);

  // 3. code-server on loopback only, no auth, nothing that phones home
  const port = await freePort();
  let serverLog = '';
  const { base } = await startCodeServer({
    groups,
    dirs,
    port,
    timeoutMs: 30_000,
    onOutput: (chunk) => {
      serverLog = (serverLog + chunk).slice(-20_000);
      if (verbose) process.stderr.write(`[code-server] ${chunk}`);
    },
    onExit: (why) => {
      if (!finishing) finish(1, `FAIL: code-server exited early (${why})\n${serverLog}`);
    },
  });
  log(`code-server up on ${base}`);

  // 4. headless Chromium; signals are left to finish(), which ends code-server first
  browserLaunch = launchBrowser(dirs.chrome, childEnv, { width: 1400, height: 900 });
  browser = await browserLaunch;
  page = await browserPage(browser, verbose);
  await page.goto(`${base}/?folder=${encodeURIComponent(dirs.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page
    .locator('.explorer-folders-view')
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  log('workbench loaded');

  // 5. Quick Open the KEP's README (retried: the file index may not be ready on the first try)
  const query = `${kepName}/README.md`;
  const opened = await poll(
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(query);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: kepName }).first();
      await row.waitFor({ state: 'visible', timeout: 5000 });
      await row.click();
      // The active editor's breadcrumbs show the folders of the opened file: keps > sig-node > <kep> > README.md
      await page.locator('.editor-group-container.active .breadcrumbs-control', { hasText: kepName }).first().waitFor({ state: 'visible', timeout: 5000 });
      return true;
    },
    45_000,
    500,
  );
  if (!opened) return finish(1, `FAIL: could not open ${query} with Quick Open within 45 s: ${pollError?.message ?? pollError}`);
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  log(`opened ${kepDir}/README.md`);

  // 6. Problems panel: wait for rows with source `kep` and a KEP rule code
  // Also returns the notifications on screen (toasts, or the notification center when open).
  const readPanel = () =>
    page.evaluate(() => {
      const squash = (el) => (el?.innerText ?? '').replace(/\s+/g, ' ').trim();
      const notes = [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')].map(
        (n) =>
          `${squash(n.querySelector('.notification-list-item-source')).replace(/^Source:\s*/, '') || '(no source)'}: ${squash(n.querySelector('.notification-list-item-message')) || squash(n)}`,
      );
      const panel = document.querySelector('.markers-panel');
      if (!panel || !panel.checkVisibility()) return { visible: false, text: '', rows: [], notes };
      const rows = [...panel.querySelectorAll('.monaco-list-row')].map((r) => ({ text: squash(r) }));
      return { visible: true, text: squash(panel), rows, notes };
    });
  const kepRow = (r) => {
    // A marker row reads "<message> kep <code> [Ln 513, Col 1]" (older VS Code versions: "kep(<code>)").
    const m = /\bkep\s*\(?([a-z-]+)\)?\s*\[Ln \d+/.exec(r.text);
    return m && ruleIds.includes(m[1]) ? m[1] : undefined;
  };
  let panel = { visible: false, text: '', rows: [], notes: [] };
  let lastToggle = 0;
  // The language client gives up for good after 5 crashes in 3 minutes ("... will not be restarted"):
  // no diagnostic can come after that, so stop waiting. Its error messages do not show up as toasts in
  // this headless workbench, only as a dot on the status-bar bell: open the notification center then.
  const gaveUp = () => panel.notes.find((n) => /will not be restarted/i.test(n));
  const bell = page.locator('[id="status.notifications"] a, .statusbar-item .codicon-bell-dot, .statusbar-item .codicon-bell').first();
  const centerOpen = () =>
    page
      .locator('.notifications-center.visible')
      .count()
      .then((n) => n > 0);
  let lastBell = 0;
  const outcome = await poll(
    async () => {
      panel = await readPanel();
      if (!panel.visible && Date.now() - lastToggle > 3000) {
        lastToggle = Date.now();
        await page.keyboard.press('Control+Shift+M'); // View: Focus Problems
        return false;
      }
      if (panel.rows.some(kepRow)) return 'seen';
      if (gaveUp()) return 'gave-up';
      if (Date.now() - lastBell > 5000 && (await page.locator('.statusbar-item .codicon-bell-dot').count()) && !(await centerOpen())) {
        lastBell = Date.now();
        await bell.click({ timeout: 3000 });
      }
      return false;
    },
    diagTimeoutMs,
    500,
  );
  if (outcome === 'seen' && (await centerOpen().catch(() => false))) await bell.click({ timeout: 3000 }).catch(() => {});
  const diagnosticsSeen = outcome === 'seen';

  const kepRows = panel.rows.filter(kepRow);
  // The file row carries a count badge with the number of problems in that file (the list is virtualized).
  const fileRow = panel.rows.find((r) => !kepRow(r) && r.text.includes('README.md') && r.text.includes(kepName));
  const fileCount = fileRow && /\b(\d+)\s*$/.exec(fileRow.text)?.[1];
  shownCount = fileCount ? Number(fileCount) : kepRows.length;
  await page.screenshot({ path: screenshot }).then(
    () => log(`screenshot ${screenshot}`),
    (e) => fail(`screenshot failed: ${e.message}`),
  );

  if (!diagnosticsSeen) {
    // Notifications (e.g. the language client's "server crashed" messages) help to tell why: open the
    // notification center through the status-bar bell and read its entries (best effort).
    if (!(await centerOpen().catch(() => true))) await bell.click({ timeout: 3000 }).catch(() => {});
    await page
      .locator('.notifications-center .notification-list-item')
      .first()
      .waitFor({ timeout: 2000 })
      .catch(() => {});
    const notes = (await readPanel().catch(() => undefined))?.notes ?? panel.notes;
    if (notes.length) {
      const shot = screenshot.replace(/\.png$/, '-notifications.png');
      await page.screenshot({ path: shot }).then(
        () => fail(`screenshot ${shot}`),
        () => {},
      );
    }
    const waited = outcome === 'gave-up' ? 'until the language client stopped restarting the server' : `${diagTimeoutMs / 1000} s`;
    fail(`Problems panel after waiting ${waited} (${panel.visible ? 'visible' : 'not visible'}): ${panel.text || '(empty)'}`);
    for (const r of panel.rows) fail(`  row: ${r.text}`);
    for (const n of new Set(notes)) fail(`  notification: ${n}`);
    return finish(1, `FAIL: no diagnostic with source \`kep\` and a KEP rule code (${ruleIds.join(', ')}) in the Problems panel (waited ${waited})`);
  }
  log(`Problems panel: ${fileCount ? `${fileCount} problems in ${kepDir}/README.md` : '(file row not rendered)'}; rendered rows from kep:`);
  for (const r of kepRows.slice(0, 5)) log(`  ${r.text}`);
  if (kepRows.length > 5) log(`  ... ${kepRows.length - 5} more rendered`);
  return finish(0);
}

main().catch(async (e) => {
  if (page && !finishing) {
    const shot = screenshot.replace(/\.png$/, '-failure.png');
    await page.screenshot({ path: shot }).then(
      () => fail(`screenshot ${shot}`),
      () => {},
    );
  }
  return finish(1, `FAIL: ${e?.stack ?? e}`);
});
