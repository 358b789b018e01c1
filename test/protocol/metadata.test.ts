import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { eventually } from '../support/hangGuard';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';

describe('language server on kep.yaml', () => {
  let root: string;
  let kepYaml: string;
  let readme: string;
  let client: LspTestClient;

  let workspace: KepWorkspace;

  beforeEach(async () => {
    workspace = createKepWorkspace('kep-yaml-');
    ({ root, readme, kepYaml } = workspace);
    client = new LspTestClient();
    await client.initialize(root);
  });

  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  it('reports metadata problems with ranges and offers the milestone quick fix', async () => {
    const text = PROVISIONAL_YAML + 'latest-milestone: 1.36\nbogus: 1\n';
    const uri = client.open(kepYaml, text, 'yaml');
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const unknown = diagnostics.find((d) => d.code === 'unknown-field');
    assert.ok(unknown, diagnostics.map((d) => d.code).join());
    assert.equal(unknown.severity, 1);
    const lines = text.split('\n');
    assert.ok(lines[unknown.range.start.line].startsWith('bogus'));
    const milestone = diagnostics.find((d) => d.code === 'milestone-format');
    assert.ok(milestone);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: milestone.range,
      context: { diagnostics: [milestone] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.edit?.changes?.[uri]);
    assert.ok(fix, 'a quick fix for the milestone');
    const version = client.change(
      uri,
      fix.edit!.changes![uri].map((e) => ({ range: e.range, text: e.newText })),
    );
    const after = await client.diagnosticsFor(uri, version);
    assert.ok(!after.some((d) => d.code === 'milestone-format'), after.map((d) => d.message).join('\n'));
  });

  it('updates the README when kep.yaml changes in the editor, before it is saved', async () => {
    const readmeUri = client.open(readme, GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>'));
    assert.ok(!(await client.diagnosticsFor(readmeUri, 1)).some((d) => d.code === 'unresolved'));
    const yamlUri = client.open(kepYaml, PROVISIONAL_YAML, 'yaml');
    const line = PROVISIONAL_YAML.split('\n').indexOf('status: provisional');
    client.change(yamlUri, [{ range: { start: { line, character: 8 }, end: { line, character: 19 } }, text: 'implementable' }]);
    await eventually(
      'README diagnostics that follow the unsaved kep.yaml',
      async () => (await client.diagnosticsFor(readmeUri, 1)).some((d) => d.code === 'unresolved') || undefined,
    );
  });

  it('leaves other YAML files alone', async () => {
    const other = path.join(root, 'keps/sig-test/1234-demo/values.yaml');
    const uri = client.open(other, 'bogus: [', 'yaml');
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  });
  it('completes status values and missing keys', async () => {
    const text = PROVISIONAL_YAML.replace('status: provisional', 'status: ');
    const uri = client.open(kepYaml, text, 'yaml');
    await client.diagnosticsFor(uri, 1);
    const line = text.split('\n').indexOf('status: ');
    const result = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 8 },
    })) as CompletionItem[] | CompletionList;
    const items = Array.isArray(result) ? result : result.items;
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('implementable') && labels.includes('provisional'), labels.join());
    assert.ok(!labels.includes('alpha'), 'stages are not statuses');

    const end = text.split('\n').length - 1;
    const keys = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: end, character: 0 },
    })) as CompletionItem[] | CompletionList;
    const keyLabels = (Array.isArray(keys) ? keys : keys.items).map((i) => i.label);
    assert.ok(keyLabels.includes('stage') && keyLabels.includes('latest-milestone'), keyLabels.join());
    assert.ok(!keyLabels.includes('title'), 'title is already there');
  });

  it('explains a key on hover', async () => {
    const uri = client.open(kepYaml, PROVISIONAL_YAML, 'yaml');
    await client.diagnosticsFor(uri, 1);
    const line = PROVISIONAL_YAML.split('\n').indexOf('status: provisional');
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /implementable/);
    assert.equal(hover.range?.start.line, line);
  });
  it('offers to create the missing PRR approval file with a block for the stage', async () => {
    const text = PROVISIONAL_YAML.replace('status: provisional', 'status: implementable') + 'stage: alpha\nlatest-milestone: "v1.36"\n';
    const uri = client.open(kepYaml, text, 'yaml');
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const missing = diagnostics.find((d) => d.code === 'prr-approval' && /does not exist/.test(d.message));
    assert.ok(missing, diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title.startsWith('Create keps/prod-readiness/sig-test/1234.yaml'));
    assert.ok(create, actions.map((a) => a.title).join());
    const changes = create.edit!.documentChanges! as ({ kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: { newText: string }[] })[];
    const target = pathToFileURL(path.join(root, 'keps/prod-readiness/sig-test/1234.yaml')).href;
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === target));
    const content = changes.find(
      (c): c is { textDocument: { uri: string }; edits: { newText: string }[] } => 'textDocument' in c && c.textDocument.uri === target,
    );
    assert.match(content!.edits[0].newText, /^kep-number: 1234\nalpha:\n {2}approver: ""\n/m);
  });
});
