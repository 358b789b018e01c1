// `npm start`: the one-command demo. Builds the extension, installs it into a fresh code-server
// (the VS Code 1.100 web workbench that the editor tests use), opens a clean copy of demo/workspace
// and prints the URL to open in a browser. Ctrl+C (or SIGTERM) ends code-server, its extension host
// and the language server, and removes the temporary folder.
//
// Usage: npm start [-- --port <n>] [-- --no-build]
//   --port <n>   listen on 127.0.0.1:<n> (default 8080, or $KEP_DEMO_PORT); a port asked for
//                explicitly must be free, the default one falls back to a free port
//   --no-build   use dist/ as it is
// Env: KEP_DEMO_PORT, KEP_DEMO_VERBOSE=1 (print code-server's log), CODE_SERVER, CODE_SERVER_DIR,
//      KEP_APT_LOCK_TIMEOUT_S (how long the install waits for another apt-get, default 180)
// The first run installs code-server with scripts/install-code-server.sh (no browser: the user
// brings one), which needs root for the Debian packages it builds with, if they are missing.
import { parseArgs } from 'node:util';
import { SetupError, ensureCodeServer } from './lib/codeServer.mjs';
import { DEFAULT_PORT, DEMO_KEP, PortTakenError, buildExtension, startDemo } from './lib/demo.mjs';

const log = (message) => console.log(`[demo] ${message}`);
const fail = (message) => console.error(`[demo] ${message}`);

let options;
try {
  options = parseArgs({
    options: { port: { type: 'string' }, 'no-build': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  fail(error.message);
  process.exit(2);
}
if (options.help) {
  console.log('Usage: npm start [-- --port <n>] [-- --no-build]');
  process.exit(0);
}
const askedPort = options.port ?? process.env.KEP_DEMO_PORT;
const port = askedPort === undefined ? DEFAULT_PORT : Number(askedPort);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  fail(`not a port: ${askedPort}`);
  process.exit(2);
}

let stop;
let exiting = false;
async function exit(code, message) {
  if (exiting) return;
  exiting = true;
  if (message) (code === 0 ? log : fail)(message);
  if (stop) {
    log('stopping');
    await stop();
  }
  process.exit(code);
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => exit(code));
}
// npm does not pass SIGTERM or SIGHUP on to this script: it exits and leaves it running. The
// demo goes when its parent goes, however that ended.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) exit(143, 'the parent process ended');
}, 1000).unref();
// What the machine or the setup got wrong is said in a sentence (SetupError); anything else is a
// bug in these scripts, and its stack is what someone fixing it needs.
const failure = (error) => (error instanceof SetupError ? error.message : `failed: ${error?.stack ?? error}`);
process.on('uncaughtException', (error) => exit(1, failure(error)));
process.on('unhandledRejection', (error) => exit(1, failure(error)));

try {
  ensureCodeServer({ log });
  if (!options['no-build']) buildExtension(log);
  log('starting code-server');
  const demo = await startDemo({
    port,
    strictPort: askedPort !== undefined,
    onStop: (s) => (stop = s),
    onServerOutput: (chunk) => {
      if (process.env.KEP_DEMO_VERBOSE) process.stderr.write(`[code-server] ${chunk}`);
    },
    onUnexpectedExit: (why, output) => exit(1, `code-server exited unexpectedly (${why})\n${output}`),
    onPortTaken: (taken, chosen) => log(`port ${taken} is in use, using ${chosen} instead (choose one with: npm start -- --port <n>)`),
  });
  if (exiting) await new Promise(() => {}); // a signal came during the start; exit() ends the process
  console.log('');
  console.log(`  KEP Tools demo is running: ${demo.url}`);
  console.log('');
  console.log(`  Open the URL in a browser, then open ${DEMO_KEP}/README.md`);
  console.log('  (Ctrl+P, "README"). Edits are made to a temporary copy and discarded on exit.');
  console.log('  Press Ctrl+C to stop.');
  console.log('');
} catch (error) {
  if (error instanceof PortTakenError) {
    await exit(1, `${error.message}: stop what uses it, or choose another port with: npm start -- --port <n>`);
  } else {
    await exit(1, failure(error));
  }
}
