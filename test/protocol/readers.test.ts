// Opening, editing and closing a kep.yaml re-analyses the documents that read it (its own KEP's
// README) and not the other open KEPs: with a whole checkout open, re-analysing everything on each
// open made opening N documents cost N² analyses. Counted as publishes per document.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';

describe('a kep.yaml change re-analyses its own KEP only (server over stdio)', function () {
  let workspace: KepWorkspace;
  let client: LspTestClient;
  let other: { readme: string; kepYaml: string };
  const OTHER_README = GOOD_KEP.replace('KEP-1234', 'KEP-5678');
  const OTHER_YAML = PROVISIONAL_YAML.replace('"1234"', '"5678"');

  beforeEach(async () => {
    workspace = createKepWorkspace('kep-readers-');
    const folder = path.join(workspace.root, 'keps/sig-test/5678-other');
    mkdirSync(folder, { recursive: true });
    other = { readme: path.join(folder, 'README.md'), kepYaml: path.join(folder, 'kep.yaml') };
    writeFileSync(other.readme, OTHER_README);
    writeFileSync(other.kepYaml, OTHER_YAML);
    client = new LspTestClient();
    await client.initialize(workspace.root);
  });

  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  /** Publishes per document from index `from` on, once the server has settled. */
  async function publishCounts(from: number, uris: Record<string, string>): Promise<Record<string, number>> {
    await client.settle();
    return Object.fromEntries(Object.entries(uris).map(([name, uri]) => [name, client.publishesSince(uri, from).length]));
  }

  it('publishes the changed kep.yaml and its README, not the other KEP', async () => {
    const uris = {
      readme: client.open(workspace.readme, GOOD_KEP),
      kepYaml: client.open(workspace.kepYaml, PROVISIONAL_YAML, 'yaml'),
      otherReadme: client.open(other.readme, OTHER_README),
    };
    for (const uri of Object.values(uris)) await client.diagnosticsFor(uri, 1);
    await client.settle();

    let from = client.published.length;
    const otherKepYaml = client.open(other.kepYaml, OTHER_YAML, 'yaml');
    assert.deepEqual(await publishCounts(from, { ...uris, otherKepYaml }), { readme: 0, kepYaml: 0, otherReadme: 1, otherKepYaml: 1 }, 'open');
    const all = { ...uris, otherKepYaml };

    from = client.published.length;
    const line = PROVISIONAL_YAML.split('\n').indexOf('title: Demo feature');
    client.change(uris.kepYaml, [{ range: { start: { line, character: 7 }, end: { line, character: 19 } }, text: 'Renamed feature' }]);
    assert.deepEqual(await publishCounts(from, all), { readme: 1, kepYaml: 1, otherReadme: 0, otherKepYaml: 0 }, 'change');
    const readmeNow = client.publishesSince(uris.readme, from)[0].diagnostics;
    assert.ok(
      readmeNow.some((d) => d.code === 'title-mismatch'),
      `the README read the edited title: ${readmeNow.map((d) => d.code).join()}`,
    );

    from = client.published.length;
    client.close(otherKepYaml);
    const { otherKepYaml: _closed, ...stillOpen } = all;
    assert.deepEqual(await publishCounts(from, stillOpen), { readme: 0, kepYaml: 0, otherReadme: 1 }, 'close');
  });
});
