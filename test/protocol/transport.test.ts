// The stdio transport the server sets up itself (server.ts), so that its encoder can keep the JSON
// of unchanged diagnostics: it must still end with its client and keep stdout for the protocol.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';

describe('stdio transport', function () {
  let ws: KepWorkspace;
  let dir: string;
  beforeEach(() => {
    ws = createKepWorkspace('kep-transport-');
    dir = mkdtempSync(path.join(tmpdir(), 'kep-transport-preload-'));
  });
  afterEach(() => {
    ws.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends when the client closes stdin: 1 without a shutdown request, 0 after one', async () => {
    const abandoned = new LspTestClient();
    await abandoned.initialize(ws.root);
    assert.equal(await abandoned.closeInput(), 1);

    const polite = new LspTestClient();
    await polite.initialize(ws.root);
    await polite.connection.sendRequest('shutdown');
    assert.equal(await polite.closeInput(), 0);
  });

  it("sends console output to the client's log, never into the protocol stream", async () => {
    // Something in the server (a dependency, say) writing to the console once it runs.
    const preload = path.join(dir, 'chatty.js');
    writeFileSync(preload, "setTimeout(() => { console.log('stray %s', 'output'); console.error(new Error('stray error')); }, 0);\n");
    const client = new LspTestClient(['--stdio'], ['-r', preload]);
    try {
      await client.initialize(ws.root);
      const uri = client.open(ws.readme, '# KEP-1234: Demo feature\n\n## Summary\n');
      const diagnostics = await client.diagnosticsFor(uri);
      assert.ok(
        diagnostics.some((d) => d.code === 'missing-section'),
        'the server still answers',
      );
      assert.match(client.logs, /stray output/);
      assert.match(client.logs, /Error: stray error/);
    } finally {
      await client.shutdown();
    }
  });
});
