// The test harness itself: the LSP test client and test/support/mochaSetup.ts, which decide whether
// a broken test run hangs CI or fails it with a message. Each case runs a small spec file
// (test/protocol/harness/*.spec.ts) in a mocha of its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, HANG_GUARD_MS } from '../support/hangGuard';
import { LspTestClient } from './lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const MOCHA = path.join(ROOT, 'node_modules/mocha/bin/mocha.js');
const SETUP = path.join(ROOT, 'dist/test/support/mochaSetup.js');

/** mocha over one spec of harness/, with the project's setup and nothing else from .mocharc.json. */
function mocha(spec: string, env: Record<string, string | undefined>) {
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const run = spawnSync(process.execPath, [MOCHA, '--no-config', '--reporter', 'dot', '--require', SETUP, path.join(__dirname, 'harness', spec)], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, output: run.stdout + run.stderr };
}

/** Live handles of this process by kind (timers, child processes, pipes). */
function handles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

describe('test harness', () => {
  describe('the LSP test client', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kep-harness-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('leaves no timer, pipe or child behind when the server is killed in the middle of a message', async () => {
      // One write: a whole notification, then the start of a message that never ends. When the
      // first has arrived, the reader holds the second as a partial message.
      const server = path.join(dir, 'half-a-message.js');
      const whole = JSON.stringify({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'ready' } });
      writeFileSync(
        server,
        `process.stdout.write(${JSON.stringify(`Content-Length: ${Buffer.byteLength(whole)}\r\n\r\n${whole}Content-Length: 1000\r\n\r\n{"jsonrpc":`)});\nsetInterval(() => {}, 1000);\n`,
      );
      // mocha arms this test's own timer once the test function has returned: count after that.
      await new Promise((resolve) => setImmediate(resolve));
      const before = handles();
      const client = new LspTestClient([], [], server);
      await eventually('the first message', () => (client.logs.includes('ready') ? true : undefined));
      await client.kill();
      const after = handles();
      for (const [kind, count] of after) assert.ok(count <= (before.get(kind) ?? 0), `${kind}: ${before.get(kind) ?? 0} before, ${count} after`);
    });
  });

  describe('the mocha setup', () => {
    it('ends a finished run that something holds open, naming what held it, and fails it', () => {
      const run = mocha('leavesTimer.spec.js', { KEP_TEST_EXIT_WATCHDOG_MS: '1000' });
      assert.equal(run.signal, null, 'ended by itself, not by the hang guard');
      assert.equal(run.status, 1, run.output);
      assert.match(run.stdout, /1 passing/);
      assert.match(run.stderr, /the process still had not exited; what held it: .*Timeout/);
    });

    it('fails a run in which a test left a language server running, names it, and ends it', () => {
      const run = mocha('leavesClient.spec.js', {});
      assert.notEqual(run.status, 0, run.output);
      const leak = /left 1 process\(es\) running, now ended: language server \(pid (\d+)\) started by leavesClient\.spec/.exec(run.output);
      assert.ok(leak, run.output);
      assert.throws(() => process.kill(Number(leak[1]), 0), /ESRCH/, 'the server is gone');
    });

    it('without the KEP sample, skips the tests that read it in one line, and runs the rest', () => {
      const run = mocha('readsSample.spec.js', { KEP_SAMPLE: path.join(ROOT, 'no-such-sample'), CI: undefined });
      assert.equal(run.status, 0, run.output);
      assert.match(run.output, /1 passing/);
      assert.match(run.output, /1 pending/);
      const said = run.output.split('\n').filter((line) => line.includes('KEP sample'));
      assert.equal(said.length, 1, run.output);
      assert.match(said[0], /no-such-sample.*KEP_SAMPLE.*Skipping/);
    });

    it('without the KEP sample in CI, fails the run in one line', () => {
      const run = mocha('readsSample.spec.js', { KEP_SAMPLE: path.join(ROOT, 'no-such-sample'), CI: 'true' });
      assert.equal(run.status, 1, run.output);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.trim(), /^The KEP sample is not at \S*no-such-sample: .* CI runs every test, so this run fails\.$/);
    });
  });
});
