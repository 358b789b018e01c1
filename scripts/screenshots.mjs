// `npm run screenshots`: starts the demo of `npm start` (scripts/lib/demo.mjs), drives it in headless
// Chromium and writes the README's screenshots. Before each shot it checks through the DOM that the
// workbench shows what the shot is about (Problems rows with the demo KEP's rule codes, the hover of a
// PRR question, the completion list in kep.yaml, the KEP Sections view and its status-bar summary), so
// the script doubles as an end-to-end check of the demo: `npm run test:editor` runs it with --out.
//
// Usage: node scripts/screenshots.mjs [--out <dir>] [--no-build]
//   --out <dir>   where to write the PNGs (default docs/images)
//   --no-build    use dist/ as it is (default: npm run build first)
// Exit status: 0 all four screenshots written; 1 a UI state did not show up (a failure-*.png is written
// next to the others), 2 bad usage. Env: SCREENSHOTS_TIMEOUT_S (whole run, default 300),
// SCREENSHOTS_VERBOSE=1 (code-server log and browser console), CODE_SERVER, CHROMIUM.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { browserPage, ensureCodeServer, freePort, launchBrowser, root, sleep } from './lib/codeServer.mjs';
import { DEMO_KEP, DEMO_WORKSPACE, buildExtension, startDemo } from './lib/demo.mjs';

const t0 = Date.now();
const log = (message) => console.log(`[screenshots ${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
const fail = (message) => console.error(`[screenshots ${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);

let options;
try {
  options = parseArgs({
    options: { out: { type: 'string', default: path.join(root, 'docs/images') }, 'no-build': { type: 'boolean', default: false } },
  }).values;
} catch (error) {
  fail(`${error.message}\nUsage: node scripts/screenshots.mjs [--out <dir>] [--no-build]`);
  process.exit(2);
}
const outDir = path.resolve(options.out);
const verbose = Boolean(process.env.SCREENSHOTS_VERBOSE);
const timeoutMs = Number(process.env.SCREENSHOTS_TIMEOUT_S ?? 300) * 1000;
const VIEWPORT = { width: 1280, height: 800 };
/** Problems the demo KEP is written to have (demo/README.md), as rule codes shown in the Problems panel. */
const EXPECTED_PROBLEMS = ['missing-section', 'toc', 'stage-prr-answer', 'gate-not-in-kep-yaml', 'milestone-format'];
/** The PRR question left empty in the demo KEP (a Problems row and a Sections view row). */
const EMPTY_PRR_QUESTION = 'What specific metrics should inform a rollback?';
/** The PRR question hovered: an answered one, so the hover shows the help without a problem above it. */
const HOVER_QUESTION = 'Were upgrade and rollback tested? Was the upgrade->downgrade->upgrade path tested?';

// ---- cleanup: every exit goes through finish() ------------------------------------------------------
let stopDemo;
let browser;
let browserLaunch;
let page;
let finishing;
function finish(code, message) {
  finishing ??= (async () => {
    if (message) (code === 0 ? log : fail)(message);
    if (code === 1 && page) {
      const shot = path.join(outDir, 'failure.png');
      await page.screenshot({ path: shot }).then(
        () => fail(`what the browser showed: ${shot}`),
        () => {},
      );
    }
    const b = browser ?? (browserLaunch && (await Promise.race([browserLaunch.catch(() => undefined), sleep(10_000)])));
    if (b) await Promise.race([b.close().catch(() => {}), sleep(10_000)]);
    await stopDemo?.();
    log(code === 0 ? `OK: screenshots in ${outDir}` : `FAIL (exit ${code})`);
    process.exit(code);
  })();
  return finishing;
}
setTimeout(() => finish(1, `timed out after ${timeoutMs / 1000} s (SCREENSHOTS_TIMEOUT_S)`), timeoutMs).unref();
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => finish(code, `interrupted by ${signal}`));
}
process.on('uncaughtException', (error) => finish(1, `FAIL: ${error?.stack ?? error}`));
process.on('unhandledRejection', (error) => finish(1, `FAIL: ${error?.stack ?? error}`));

/** An expected UI state that did not show up: the message says which, and what was there instead. */
class MissingUiState extends Error {}

/** Waits until `locator` is visible; otherwise fails with `what` (and what `describe` reads from the page). */
async function expectVisible(locator, what, { timeout = 30_000, describe } = {}) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    const seen = describe ? await describe().catch((e) => `(could not read the page: ${e.message})`) : undefined;
    throw new MissingUiState(`expected ${what} within ${timeout / 1000} s${seen === undefined ? '' : `; the page showed: ${seen}`}`);
  }
}

const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Closes notification toasts, so that they do not cover the shots. */
async function clearNotifications() {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  for (let i = (await toasts.count()) - 1; i >= 0; i--) {
    await toasts
      .nth(i)
      .locator('.codicon-notifications-clear')
      .click({ timeout: 2000 })
      .catch(() => {});
  }
}

/** Opens a file of the demo KEP through Quick Open (retried: the file index may not be ready yet). */
async function openFile(relativePath) {
  const name = path.basename(relativePath);
  const folder = path.basename(path.dirname(relativePath));
  const deadline = Date.now() + 60_000;
  let lastError;
  while (Date.now() < deadline) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`${folder}/${name}`);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ hasText: folder }).first();
      await row.waitFor({ state: 'visible', timeout: 5000 });
      await row.click();
      await page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 5000 });
      await page.locator('.editor-group-container.active .breadcrumbs-control', { hasText: folder }).first().waitFor({ state: 'visible', timeout: 5000 });
      return;
    } catch (error) {
      lastError = error;
      await sleep(500);
    }
  }
  throw new MissingUiState(`could not open ${relativePath} with Quick Open within 60 s: ${lastError?.message}`);
}

/** The 1-based number of the first line of a demo workspace file that starts with `start`. */
function lineOf(relativePath, start) {
  const index = readFileSync(path.join(DEMO_WORKSPACE, relativePath), 'utf8')
    .split('\n')
    .findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`demo/workspace/${relativePath} has no line starting with '${start}'`);
  return index + 1;
}

/** Moves the cursor of the active editor to a 1-based line with Go to Line. */
async function goToLine(line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 });
}

async function shoot(name) {
  await clearNotifications();
  // The status bar says "Activating Extensions..." for a while after the workbench loads.
  await page
    .locator('.statusbar-item', { hasText: 'Activating Extensions' })
    .waitFor({ state: 'hidden', timeout: 30_000 })
    .catch(() => {});
  await sleep(600); // let the last animation (hover fade-in, list scroll) settle
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(root, file) || file}`);
}

// ---- the shots ----------------------------------------------------------------------------------------
async function problemsShot() {
  // kep.yaml first, so that its problem is listed too; the README stays in front.
  await openFile(`${DEMO_KEP}/kep.yaml`);
  await openFile(`${DEMO_KEP}/README.md`);
  await page.keyboard.press('Control+Shift+M'); // View: Focus Problems
  const panel = page.locator('.markers-panel');
  const readRows = () => panel.locator('.monaco-list-row').allInnerTexts();
  const codeOf = (text) => /\bkep\s*\(?([a-z-]+)\)?\s*\[Ln \d+/.exec(squash(text))?.[1];
  const deadline = Date.now() + 90_000;
  let codes = new Set();
  while (Date.now() < deadline) {
    codes = new Set((await readRows().catch(() => [])).map(codeOf).filter(Boolean));
    if (EXPECTED_PROBLEMS.every((c) => codes.has(c))) break;
    await sleep(500);
  }
  const missing = EXPECTED_PROBLEMS.filter((c) => !codes.has(c));
  if (missing.length) {
    const rows = await readRows().catch(() => []);
    throw new MissingUiState(
      `expected Problems rows with the rule codes ${missing.join(', ')} within 90 s; the panel showed: ${rows.map(squash).join(' | ') || '(nothing)'}`,
    );
  }
  log(`Problems panel: ${[...codes].join(', ')}`);
  // Without the side bar the panel has the window's width, and the messages are read to the end.
  if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
  await shoot('problems.png');
}

async function prrHoverShot() {
  await page.keyboard.press('Control+J'); // close the panel: the hover needs the room
  await page
    .locator('.markers-panel')
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => {});
  // Go to a line a little below the question: Go to Line centres it, so the question ends up in the
  // upper half of the editor, with room for the hover below it.
  await goToLine(lineOf(`${DEMO_KEP}/README.md`, `###### ${HOVER_QUESTION}`) + 10);
  const heading = page.locator('.monaco-editor .view-line', { hasText: HOVER_QUESTION });
  await expectVisible(heading, `the line '###### ${HOVER_QUESTION}' in the editor`, { timeout: 10_000 });
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: /Required/ }).filter({ hasText: /beta/ });
  const deadline = Date.now() + 60_000;
  // The hover shows after the mouse rests; move off and back on until the server's answer is there.
  while (Date.now() < deadline) {
    const box = await heading.first().boundingBox();
    await page.mouse.move(box.x + 5, box.y - 40);
    await page.mouse.move(box.x + 160, box.y + box.height / 2, { steps: 5 });
    if (await hover.first().isVisible()) break;
    await hover
      .first()
      .waitFor({ state: 'visible', timeout: 3000 })
      .catch(() => {});
    if (await hover.first().isVisible()) break;
  }
  if (!(await hover.first().isVisible())) {
    const seen = squash((await page.locator('.monaco-hover-content').allInnerTexts()).join(' | '));
    throw new MissingUiState(`expected a hover on '${HOVER_QUESTION}' that says it is required at beta within 60 s; the page showed: ${seen || '(no hover)'}`);
  }
  log(`hover: ${squash(await hover.first().innerText()).slice(0, 160)}…`);
  await shoot('prr-hover.png');
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
  await page.keyboard.press('Escape');
}

async function sectionsViewShot() {
  await openFile(`${DEMO_KEP}/README.md`);
  const status = page.locator('.statusbar-item', { hasText: /KEP beta: PRR \d+\/\d+/ });
  await expectVisible(status, "the status-bar summary 'KEP beta: PRR n/m'", {
    describe: async () => squash(await page.locator('.statusbar').innerText()),
  });
  await status.first().click(); // runs KEP: Show KEP Sections
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'KEP Sections' }) });
  const rows = pane.locator('.monaco-list-row');
  await expectVisible(rows.filter({ hasText: 'Proposal' }), "the KEP Sections view with a 'Proposal' row", {
    describe: async () => squash(await page.locator('.sidebar').innerText()),
  });
  // Collapse the file tree so that the sections view has the side bar's height.
  const folders = page.locator('.pane-header', { hasText: 'enhancements' }).first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  await widenSideBar(560);
  for (const parent of ['Proposal', 'Rollout, Upgrade and Rollback Planning']) {
    if (parent.startsWith('Rollout')) await expand(rows, 'Production Readiness Review Questionnaire');
    await expand(rows, parent);
  }
  await expectVisible(rows.filter({ hasText: 'Risks and Mitigations' }).filter({ hasText: 'missing' }), "a 'Risks and Mitigations … missing' row", {
    describe: async () => (await rows.allInnerTexts()).map(squash).join(' | '),
  });
  await expectVisible(rows.filter({ hasText: EMPTY_PRR_QUESTION }).filter({ hasText: 'empty' }), `a '${EMPTY_PRR_QUESTION} … empty' row`, {
    describe: async () => (await rows.allInnerTexts()).map(squash).join(' | '),
  });
  log(`status bar: ${squash(await status.first().innerText())}`);
  await shoot('sections-view.png');
}

/** Drags the sash between the side bar and the editor, so that the side bar's rows are not cut off. */
async function widenSideBar(width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  const after = await page.locator('.part.sidebar').boundingBox();
  if (!after || after.width < width - 20) log(`note: could not widen the side bar (${Math.round(after?.width ?? 0)} px wide)`);
}

/** Expands a collapsed tree row by its twistie. */
async function expand(rows, label) {
  const row = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await expectVisible(row, `a '${label}' row in the KEP Sections view`, { timeout: 10_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

async function kepYamlCompletionShot() {
  await openFile(`${DEMO_KEP}/kep.yaml`);
  // Without the KEP Sections view the side bar is empty for kep.yaml: hide it, the editor is the subject.
  if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
  const stageLine = page.locator('.monaco-editor .view-line', { hasText: 'stage: beta' });
  await expectVisible(stageLine, "the line 'stage: beta' in kep.yaml", { timeout: 10_000 });
  await goToLine(lineOf(`${DEMO_KEP}/kep.yaml`, 'stage: beta'));
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+ArrowLeft'); // select the value...
  await page.keyboard.press('Backspace'); // ...and ask what may go there
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget.visible .monaco-list-row');
  await expectVisible(suggest.filter({ hasText: 'stable' }), "the completion list with 'stable' for stage:", {
    describe: async () => squash(await page.locator('.suggest-widget').innerText()) || '(no completion list)',
  });
  const labels = (await suggest.allInnerTexts()).map(squash);
  for (const stage of ['alpha', 'beta', 'stable']) {
    if (!labels.some((l) => l.startsWith(stage))) throw new MissingUiState(`expected '${stage}' in the completion list; it showed: ${labels.join(' | ')}`);
  }
  log(`completion: ${labels.join(' | ')}`);
  // Ctrl+Space on an open list shows the focused item's documentation beside it.
  const details = page.locator('.suggest-details-container .suggest-details', { hasText: /\w/ });
  if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
  await expectVisible(details, 'the documentation of the focused stage beside the completion list', {
    timeout: 5000,
    describe: async () => squash(await page.locator('.suggest-widget').innerText()),
  });
  await shoot('kep-yaml-completion.png');
  await page.keyboard.press('Escape');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  ensureCodeServer({ browser: true, log });
  if (!options['no-build']) buildExtension(log);
  const demo = await startDemo({
    port: await freePort(),
    strictPort: true,
    // Sticky scroll would repeat the KEP's headings above the hovered question.
    settings: { 'editor.stickyScroll.enabled': false },
    log,
    onStop: (stop) => (stopDemo = stop),
    onServerOutput: (chunk) => {
      if (verbose) process.stderr.write(`[code-server] ${chunk}`);
    },
    onUnexpectedExit: (why, output) => finish(1, `FAIL: code-server exited unexpectedly (${why})\n${output}`),
  });
  log(`demo running at ${demo.url}`);
  browserLaunch = launchBrowser(demo.dirs.chrome, demo.dirs.env, VIEWPORT);
  browser = await browserLaunch;
  page = await browserPage(browser, verbose);
  await page.goto(demo.url);
  await expectVisible(page.locator('.monaco-workbench'), 'the workbench to load', { timeout: 60_000 });
  await expectVisible(page.locator('.explorer-folders-view'), 'the Explorer with the demo workspace', { timeout: 60_000 });
  log('workbench loaded');

  await problemsShot();
  await prrHoverShot();
  await sectionsViewShot();
  await kepYamlCompletionShot();
  return finish(0);
}

main().catch((error) => finish(1, `FAIL: ${error instanceof MissingUiState ? error.message : (error?.stack ?? error)}`));
