// Issue 13, item 7: one document or one burst of notifications does not hold up the others. Counted
// in publishes and in the order of answers, never in milliseconds (those are `npm run bench`'s).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';

/** A KEP README of about `bytes`: the demo KEP with many sub-sections of Design Details. */
function largeReadme(bytes: number): string {
  // Parts of about 2 KB, each with one list item: 1.2 MB stays under the README's limits of 20,000
  // list items and 5,000 headings.
  const prose = "Some [text](https://example.com/) with `code` in a paragraph long enough to weigh like a real section's prose. ".repeat(4);
  const section = (i: number) => `### Part ${i}\n\n${prose}\n\n${prose}\n\n${prose}\n\n${prose}\n\n- an item\n\n`;
  let body = '';
  for (let i = 0; body.length < bytes; i++) body += section(i);
  return GOOD_KEP.replace('Details.\n', `Details.\n\n${body}`);
}

describe('responsiveness (server over stdio)', function () {
  let workspace: KepWorkspace;
  let client: LspTestClient;

  beforeEach(async () => {
    workspace = createKepWorkspace('kep-responsive-');
    client = new LspTestClient();
    await client.initialize(workspace.root);
  });

  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  it('answers a hover on a small README before a large README that was opened first has its diagnostics', async () => {
    const small = client.open(workspace.readme, GOOD_KEP);
    await client.diagnosticsFor(small, 1);
    const bigFile = path.join(workspace.root, 'keps/sig-test/5678-large/README.md');
    mkdirSync(path.dirname(bigFile), { recursive: true });
    const big = client.open(bigFile, largeReadme(1_200_000));
    const line = GOOD_KEP.split('\n').indexOf('## Summary');
    const hover = await client.connection.sendRequest<{ contents: unknown } | null>('textDocument/hover', {
      textDocument: { uri: small },
      position: { line, character: 4 },
    });
    assert.ok(hover, 'the hover has an answer');
    assert.equal(client.publishesSince(big, 0).length, 0, 'the hover was answered while the large README was still being analysed');
    // The large README is analysed all the same, and an edit during its indexing is in its result.
    const version = client.change(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<<[UNRESOLVED]>>\n' }]);
    const diagnostics = await client.diagnosticsFor(big, version);
    assert.ok(
      diagnostics.some((d) => d.code === 'unresolved'),
      diagnostics.map((d) => d.code).join(),
    );
  });

  it('analyses each reader once for a burst of watcher notifications, and nothing that does not read the changed file', async () => {
    const otherFolder = path.join(workspace.root, 'keps/sig-test/5678-other');
    mkdirSync(otherFolder, { recursive: true });
    const otherReadme = path.join(otherFolder, 'README.md');
    writeFileSync(otherReadme, GOOD_KEP.replace('KEP-1234', 'KEP-5678'));
    writeFileSync(path.join(otherFolder, 'kep.yaml'), PROVISIONAL_YAML.replace('"1234"', '"5678"'));
    const readme = client.open(workspace.readme, GOOD_KEP);
    const other = client.open(otherReadme, GOOD_KEP.replace('KEP-1234', 'KEP-5678'));
    await client.diagnosticsFor(readme, 1);
    await client.diagnosticsFor(other, 1);
    await client.settle();
    const from = client.published.length;
    writeFileSync(workspace.kepYaml, PROVISIONAL_YAML.replace('Demo feature', 'Renamed feature'));
    for (let i = 0; i < 500; i++) {
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(workspace.kepYaml).href, type: 2 }] });
    }
    await client.settle(500);
    const readmePublishes = client.publishesSince(readme, from);
    assert.ok(readmePublishes.length >= 1 && readmePublishes.length <= 3, `the README was analysed ${readmePublishes.length} times`);
    assert.ok(
      readmePublishes.at(-1)!.diagnostics.some((d) => d.code === 'title-mismatch'),
      'the last analysis read the new kep.yaml',
    );
    assert.equal(client.publishesSince(other, from).length, 0, 'the other KEP does not read this kep.yaml');
  });
});
