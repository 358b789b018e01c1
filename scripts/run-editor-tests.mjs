// Runs the in-editor tests (test/editor) inside a real VS Code: code-server's VS Code 1.100 web
// workbench with its Node extension host, driven by Debian's headless Chromium via playwright-core.
// Adapted from the verified recipe in /work/shared/recipes/editor-tests (run-e2e.mjs).
//
// Three sessions run one after the other, each in a fresh code-server with its own user data:
//   kep        a small kubernetes/enhancements layout    -> dist/test/editor/index.js
//   unrelated  a workspace with ordinary Markdown only   -> dist/test/editor/unrelated/index.js
//   restricted the kep layout in Restricted Mode (workspace trust on, folder not trusted)
//                                                        -> dist/test/editor/restricted/index.js
// and, only when named in EDITOR_TESTS_SESSIONS:
//   bench      cold start to first diagnostics (npm run bench) -> dist/test/editor/bench/index.js
// Each fixture workspace is copied to a temporary folder first, because the tests edit and save files.
// The built extension (package.json + dist/) is copied too, once per run, and VS Code loads that
// copy: `npm run build` empties dist/ before it writes it again, and a build started by someone else
// during a run would otherwise pull the server or the test entry away from under the tests.
//
// Exit status: 0 when every session passed; 1 when a session failed, timed out or could not start;
// 2 when code-server, Chromium or a built test entry is missing.
// Env: EDITOR_TESTS_SESSIONS   comma-separated subset of the sessions above (default: all, in order)
//      EDITOR_TESTS_TIMEOUT_S  limit per session in seconds (default 300)
//      EDITOR_TESTS_VERBOSE=1  also print code-server's log and the browser console
//      EDITOR_TESTS_KEEP=1     keep the temporary folders (user data, logs, workspace copy)
//      EDITOR_TESTS_WORKSPACE  open this folder instead of the session's fixture (one session only;
//                              for trying a suite against another layout)
//      CODE_SERVER             code-server entry (default .vscode-test/code-server/node_modules/.bin/code-server,
//                              or $CODE_SERVER_DIR/node_modules/.bin/code-server)
//      CHROMIUM                browser binary (default /usr/bin/chromium)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { browserPage, chromiumBin, codeServerArgs, codeServerBin, freePort, launchBrowser, sessionDirs, writeUserSettings } from './lib/codeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const codeServer = codeServerBin;
const browserPath = chromiumBin;
const timeoutMs = Number(process.env.EDITOR_TESTS_TIMEOUT_S ?? 300) * 1000;
const verbose = Boolean(process.env.EDITOR_TESTS_VERBOSE);
const keep = Boolean(process.env.EDITOR_TESTS_KEEP);

const allSessions = [
  { name: 'kep', fixture: 'test/editor/fixtures/kep-workspace', tests: 'dist/test/editor/index.js' },
  { name: 'unrelated', fixture: 'test/editor/fixtures/unrelated-workspace', tests: 'dist/test/editor/unrelated/index.js' },
  // Restricted Mode, where someone reviewing a freshly cloned pull request is: workspace trust on
  // (the other sessions turn it off), no trust prompt that would block the start, and the folder is
  // not trusted (fresh user data trusts nothing). The overlay adds the workspace settings that
  // Restricted Mode must ignore.
  {
    name: 'restricted',
    fixture: 'test/editor/fixtures/kep-workspace',
    overlay: 'test/editor/fixtures/restricted-overlay',
    tests: 'dist/test/editor/restricted/index.js',
    workspaceTrust: true,
    installed: true,
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
    },
  },
];
// Sessions that run only when EDITOR_TESTS_SESSIONS names them: `bench` is the in-editor timing
// of `npm run bench` (bench/editorBench.ts), which passes its own workspace in EDITOR_TESTS_WORKSPACE.
const optInSessions = [{ name: 'bench', fixture: 'test/editor/bench/workspace', tests: 'dist/test/editor/bench/index.js' }];
const wanted = process.env.EDITOR_TESTS_SESSIONS?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const sessions = wanted ? [...allSessions, ...optInSessions].filter((s) => wanted.includes(s.name)) : allSessions;
if (wanted && sessions.length !== wanted.length) {
  console.error(
    `[editor-tests] unknown session in EDITOR_TESTS_SESSIONS=${process.env.EDITOR_TESTS_SESSIONS}; known: ${[...allSessions, ...optInSessions].map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
if (process.env.EDITOR_TESTS_WORKSPACE) {
  if (sessions.length !== 1) {
    console.error('[editor-tests] EDITOR_TESTS_WORKSPACE needs exactly one session in EDITOR_TESTS_SESSIONS');
    process.exit(2);
  }
  sessions[0] = { ...sessions[0], fixture: path.resolve(process.env.EDITOR_TESTS_WORKSPACE) };
}
for (const p of [codeServer, browserPath, ...sessions.flatMap((s) => [s.fixture, s.overlay ?? s.fixture].map((f) => path.resolve(root, f)))]) {
  if (!existsSync(p)) {
    console.error(`[editor-tests] missing: ${p}`);
    process.exit(2);
  }
}

// Info lines of the workbench that say nothing about the tests, printed only with EDITOR_TESTS_VERBOSE.
const QUIET_LINES = [
  // Said on every scan of the extensions once the gallery is off (sessionDirs turns it off; the
  // log level that would hide it hides mocha's output as well).
  /^Ignoring fetching additional builtin extensions from gallery as it is disabled\.$/,
];

// The session in progress, so that a signal can end its processes.
let current;
const extensionCopy = await copyBuiltExtension();
const removeExtensionCopy = () => {
  if (!keep) rmSync(extensionCopy.tmp, { recursive: true, force: true });
};
// On a signal: end the session's processes, remove the temporary folders, exit. Playwright's own
// signal handlers are off (see launchPersistentContext) so that this one runs to the end.
let stopping = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.error(`[editor-tests] ${signal}: stopping`);
    await current?.cleanup();
    removeExtensionCopy();
    process.exit(code);
  });
}

// A bug in this script must not leave code-server and Chromium running either.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, async (error) => {
    console.error(`[editor-tests] ${event}: ${error?.stack ?? error}`);
    if (stopping) return;
    stopping = true;
    await current?.cleanup();
    removeExtensionCopy();
    process.exit(1);
  });
}

const results = [];
for (const session of sessions) {
  if (stopping) break;
  results.push(await runSession(session));
}
if (stopping) await new Promise(() => {}); // the signal handler exits
removeExtensionCopy();

console.log('');
for (const r of results) {
  console.log(
    `[editor-tests] ${r.name}: ${r.counts ?? 'no test counts reported'}; exit code ${r.exitCode}${r.why ? ` (${r.why})` : ''}; ${(r.ms / 1000).toFixed(1)} s`,
  );
}
const exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
console.log(`[editor-tests] exit code ${exitCode}`);
process.exit(exitCode);

async function runSession(session) {
  const started = Date.now();
  console.log(`\n[editor-tests] session "${session.name}": ${session.fixture} with ${session.tests}`);
  const tmp = mkdtempSync(path.join(tmpdir(), `kep-editor-tests-${session.name}-`));
  // User data, extensions, Chromium profile, and the XDG and temp folders of every child, all in tmp;
  // the environment also turns code-server's extension gallery off (see sessionDirs).
  const dirs = { ...sessionDirs(tmp), workspace: path.join(tmp, path.basename(session.fixture)) };
  cpSync(path.resolve(root, session.fixture), dirs.workspace, { recursive: true });
  if (session.overlay) cpSync(path.resolve(root, session.overlay), dirs.workspace, { recursive: true });
  // No welcome page, no update checks, no telemetry; workspace trust as the session asks.
  writeUserSettings(dirs.userData, session.settings);
  // The folder that VS Code loads as the extension under development. VS Code never disables that
  // one, not even in Restricted Mode, so a session that is about what a user gets installs the
  // extension instead (code-server registers <publisher>.<name>-<version>/ in its extensions folder
  // when it starts) and gives VS Code a stand-in without code as the extension under development,
  // which the test runner needs.
  let developmentDir = extensionCopy.dir;
  if (session.installed) {
    cpSync(extensionCopy.dir, path.join(dirs.extensions, `${extensionCopy.id}-${extensionCopy.version}`), { recursive: true });
    developmentDir = path.join(tmp, 'test-runner');
    mkdirSync(developmentDir);
    writeFileSync(
      path.join(developmentDir, 'package.json'),
      JSON.stringify({ name: 'kep-editor-tests', publisher: 'vscode-kep-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
    );
  }
  const isolatedEnv = dirs.env;
  let server;
  let browser;
  let counts;
  // Cleanup runs once, whoever asks first (end of run, time-out, signal); later callers wait for it.
  let cleanedUp = false;
  let cleaning;
  const cleanup = () => {
    cleanedUp = true;
    cleaning ??= (async () => {
      // Closing can hang when the page is stuck; the browser is killed with its profile anyway.
      try {
        await Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 10_000))]);
      } catch {
        /* already gone */
      }
      if (server) {
        // code-server forks its entry, a file watcher and extension hosts (which spawn the language
        // server); it leads its own process group, and the whole group is ended.
        const signalGroup = (sig) => {
          try {
            process.kill(-server.pid, sig);
          } catch {
            /* group gone */
          }
        };
        signalGroup('SIGTERM');
        if (server.exitCode === null && server.signalCode === null) {
          await new Promise((resolve) => {
            const t = setTimeout(resolve, 5000);
            server.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        signalGroup('SIGKILL');
      }
      if (keep) console.log(`[editor-tests] kept ${tmp}`);
      else rmSync(tmp, { recursive: true, force: true });
    })();
    return cleaning;
  };
  current = { cleanup };

  let exitCode;
  let why;
  try {
    const outcome = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ code: 1, why: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
      const settle = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
      start(settle).catch((e) => settle({ code: 1, why: String(e?.stack ?? e) }));
    });
    exitCode = outcome.code;
    why = outcome.why;
  } finally {
    await cleanup();
    current = undefined;
  }
  return { name: session.name, exitCode, why, counts, ms: Date.now() - started };

  async function start(settle) {
    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    if (cleanedUp) return; // stopped (signal or time-out) before anything was started
    // code-server on loopback only, no auth, nothing that phones home.
    server = spawn(process.execPath, codeServerArgs(dirs, authority, { workspaceTrust: Boolean(session.workspaceTrust) }), {
      env: isolatedEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const serverLog = (chunk) => {
      if (verbose) process.stderr.write(`[code-server] ${chunk}`);
    };
    server.stdout.on('data', serverLog);
    server.stderr.on('data', serverLog);
    server.on('exit', (code, signal) => {
      if (!cleanedUp) settle({ code: 1, why: `code-server exited early (${code ?? signal})` });
    });

    const base = `http://${authority}`;
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (attempt > 300) throw new Error('code-server did not answer /healthz within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    browser = await launchBrowser(dirs.chrome, isolatedEnv);
    if (cleanedUp) {
      await browser.close();
      return;
    } // stopped while the browser started
    const page = await browserPage(browser, verbose);
    // The web workbench sends the extension host's console output (mocha's reporter included) and
    // its own log (info and up) to window.codeAutomationLog, and the test run's exit code to
    // window.codeAutomationExit.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      const summary = /^\s*(\d+) passed, (\d+) failed\s*$/m.exec(line);
      if (summary) counts = `${summary[1]} passed, ${summary[2]} failed`;
      if (!verbose && QUIET_LINES.some((quiet) => quiet.test(line))) return;
      (type === 'error' ? console.error : console.log)(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    // vscode-remote URIs make VS Code load the extension and the tests in the server's Node
    // extension host, where the language client can spawn the Node language server over IPC.
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(developmentDir)],
      ['extensionTestsPath', remote(path.join(extensionCopy.dir, session.tests))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(`${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  }
}

// Copies package.json, dist/ and the contributed folders to a temporary extension folder; node_modules is linked, for the
// test entries' `require('mocha')`. Retries while a concurrent build has dist/ half written.
async function copyBuiltExtension() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kep-editor-tests-extension-'));
  const dir = path.join(tmp, 'extension');
  const required = ['package.json', 'dist/client.js', 'dist/server.js', ...sessions.map((s) => s.tests)];
  for (let attempt = 1; ; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
      cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
      // Contributed files that package.json points at (grammars, snippets, schemas).
      for (const folder of ['syntaxes', 'snippets', 'schemas']) {
        if (existsSync(path.join(root, folder))) cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
      }
    } catch {
      /* dist/ changed while it was copied; checked below */
    }
    const missing = required.filter((f) => !existsSync(path.join(dir, f)));
    if (missing.length === 0) break;
    if (attempt === 20) {
      console.error(`[editor-tests] the build is incomplete, missing: ${missing.join(', ')} (run npm run build)`);
      rmSync(tmp, { recursive: true, force: true });
      process.exit(2);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { tmp, dir, id: `${pkg.publisher}.${pkg.name}`, version: pkg.version };
}
