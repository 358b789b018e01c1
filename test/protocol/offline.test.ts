// Nothing in the package may touch the network: run the CLI over the whole sample and drive the
// server, each in a process whose network functions throw.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { itWithSample, SAMPLE } from '../unit/support/sample';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { LspTestClient } from './lspClient';

const CLI = path.resolve(__dirname, '../../kep-lint.js');

const STUB = `
const forbid = (name) => function () { throw new Error('network access attempted: ' + name); };
for (const mod of ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns']) {
  const m = require(mod);
  for (const fn of ['request', 'get', 'connect', 'createConnection', 'lookup', 'resolve', 'resolve4', 'resolve6', 'createSocket']) {
    if (typeof m[fn] === 'function') m[fn] = forbid(mod + '.' + fn);
  }
  if (m.Socket && m.Socket.prototype && m.Socket.prototype.connect) m.Socket.prototype.connect = forbid(mod + '.Socket.connect');
}
globalThis.fetch = forbid('fetch');
globalThis.WebSocket = undefined;
`;

describe('offline', function () {
  this.timeout(180_000);
  let dir: string;
  let stub: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kep-offline-'));
    stub = path.join(dir, 'no-network.js');
    writeFileSync(stub, STUB);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the stub really forbids network access', () => {
    const run = spawnSync(process.execPath, ['-r', stub, '-e', "require('https').get('https://example.com')"], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /network access attempted/);
  });

  itWithSample('kep-lint checks the whole sample with the network functions stubbed to throw', function () {
    const run = spawnSync(process.execPath, ['-r', stub, CLI, '--format', 'json', path.join(SAMPLE, 'keps')], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.doesNotMatch(run.stderr, /network access attempted/);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.ok((JSON.parse(run.stdout) as unknown[]).length > 100);
  });

  it('the language server answers over stdio with the network functions stubbed to throw', async () => {
    const client = new LspTestClient(['--stdio'], ['-r', stub]);
    try {
      const root = path.join(dir, 'ws');
      mkdirSync(path.join(root, 'keps/sig-test/1234-demo'), { recursive: true });
      writeFileSync(path.join(root, 'keps/sig-test/1234-demo/kep.yaml'), PROVISIONAL_YAML);
      await client.initialize(root);
      const readme = client.open(path.join(root, 'keps/sig-test/1234-demo/README.md'), GOOD_KEP.replace('## Drawbacks', '## Something else'));
      assert.ok((await client.diagnosticsFor(readme, 1)).some((d) => d.code === 'missing-section'));
      const yaml = client.open(path.join(root, 'keps/sig-test/1234-demo/kep.yaml'), PROVISIONAL_YAML + 'bogus: 1\n', 'yaml');
      assert.ok((await client.diagnosticsFor(yaml, 1)).some((d) => d.code === 'unknown-field'));
    } finally {
      await client.shutdown();
    }
    assert.doesNotMatch(client.stderr + client.logs, /network access attempted/);
  });
});
