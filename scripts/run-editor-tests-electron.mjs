// Runs the same in-editor tests as scripts/run-editor-tests.mjs, but in desktop VS Code (Electron)
// through @vscode/test-electron, for machines that can download VS Code (this one cannot: use
// run-editor-tests.mjs with code-server here). On Linux without a display, run it under xvfb-run.
//
// Sessions, fixtures and test entries are the same as in run-editor-tests.mjs, except its restricted
// session: @vscode/test-electron always passes --disable-workspace-trust. Each fixture is copied to a
// temporary folder, and each session gets fresh user data and extensions folders.
// Exit status: 0 when every session passed, 1 otherwise, 2 when a built test entry is missing.
// Env: EDITOR_TESTS_SESSIONS  comma-separated subset of: kep, unrelated (default: both, in order)
//      VSCODE_VERSION         VS Code version to download (default: the lowest the extension supports,
//                             1.100.0, matching engines.vscode; 'stable' or 'insiders' also work)
//      VSCODE_EXECUTABLE      use this VS Code binary instead of downloading one
//      EDITOR_TESTS_KEEP=1    keep the temporary folders
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allSessions = [
  { name: 'kep', fixture: 'test/editor/fixtures/kep-workspace', tests: 'dist/test/editor/index.js' },
  { name: 'unrelated', fixture: 'test/editor/fixtures/unrelated-workspace', tests: 'dist/test/editor/unrelated/index.js' },
];
const wanted = process.env.EDITOR_TESTS_SESSIONS?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const sessions = wanted ? allSessions.filter((s) => wanted.includes(s.name)) : allSessions;
if (wanted && sessions.length !== wanted.length) {
  console.error(`[editor-tests] unknown session in EDITOR_TESTS_SESSIONS; known: ${allSessions.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const s of sessions) {
  if (!existsSync(path.join(root, s.tests))) {
    console.error(`[editor-tests] missing: ${path.join(root, s.tests)} (run npm run build)`);
    process.exit(2);
  }
}

// The test entry prints `N passed, N failed`; keep the last such line of each session for the summary.
let lastCounts;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const summary = /(\d+) passed, (\d+) failed/.exec(String(chunk));
  if (summary) lastCounts = summary[0];
  return write(chunk, ...rest);
};

const results = [];
for (const session of sessions) {
  console.log(`\n[editor-tests] session "${session.name}" (VS Code desktop): ${session.fixture}`);
  const started = Date.now();
  const tmp = mkdtempSync(path.join(tmpdir(), `kep-editor-tests-electron-${session.name}-`));
  const workspace = path.join(tmp, path.basename(session.fixture));
  cpSync(path.join(root, session.fixture), workspace, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  mkdirSync(userData, { recursive: true });
  mkdirSync(extensions, { recursive: true });
  lastCounts = undefined;
  let exitCode = 0;
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? '1.100.0' }),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, session.tests),
      // The workspace first: VS Code opens the first argument. Explicit profile folders keep the run
      // independent of earlier runs (test-electron would otherwise reuse .vscode-test/user-data).
      // Built-in extensions stay enabled: the outline test relies on the built-in Markdown extension.
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry'],
    });
  } catch (error) {
    console.error(`[editor-tests] ${session.name}: ${error?.message ?? error}`);
    exitCode = 1;
  } finally {
    if (process.env.EDITOR_TESTS_KEEP) console.log(`[editor-tests] kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  results.push({ name: session.name, exitCode, counts: lastCounts, ms: Date.now() - started });
}

console.log('');
for (const r of results) {
  console.log(`[editor-tests] ${r.name}: ${r.counts ?? 'no test counts reported'}; exit code ${r.exitCode}; ${(r.ms / 1000).toFixed(1)} s`);
}
const exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
console.log(`[editor-tests] exit code ${exitCode}`);
process.exit(exitCode);
