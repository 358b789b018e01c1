import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { eventually } from '../support/hangGuard';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient, SERVER } from './lspClient';

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}: ${d.message}`);
}

/** One edit's text edits as content changes, last in the document first so that none moves another. */
function asChanges(edits: readonly TextEdit[]): { range: TextEdit['range']; text: string }[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
}

describe('language server over stdio', function () {
  let root: string;
  let readme: string;
  let client: LspTestClient;

  let workspace: KepWorkspace;

  beforeEach(async () => {
    workspace = createKepWorkspace('kep-ls-');
    ({ root, readme } = workspace);
    client = new LspTestClient();
    await client.initialize(root);
  });

  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  it('follows incremental edits: delete a section, add it back, type inside a comment', async () => {
    const uri = client.open(readme, GOOD_KEP);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), []);

    const lines = GOOD_KEP.split('\n');
    const risks = lines.indexOf('### Risks and Mitigations');
    // Delete "### Risks and Mitigations\n\nRisks.\n\n" (4 lines).
    let version = client.change(uri, [{ range: { start: { line: risks, character: 0 }, end: { line: risks + 4, character: 0 } }, text: '' }]);
    const afterDelete = await client.diagnosticsFor(uri, version);
    assert.ok(
      codes(afterDelete).includes("missing-section: Missing '### Risks and Mitigations' under '## Proposal'. Add it here, in template order."),
      codes(afterDelete).join('\n'),
    );
    assert.ok(
      codes(afterDelete).some((c) => c.startsWith('toc:')),
      'the TOC is now stale',
    );

    version = client.change(uri, [
      { range: { start: { line: risks, character: 0 }, end: { line: risks, character: 0 } }, text: '### Risks and Mitigations\n\nRisks.\n\n' },
    ]);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, version)), []);

    // An unclosed comment swallows the rest of "## Drawbacks"; typing inside it changes nothing else.
    const drawbacks = lines.indexOf('None.');
    version = client.change(uri, [{ range: { start: { line: drawbacks, character: 0 }, end: { line: drawbacks, character: 5 } }, text: '<!-- todo' }]);
    let now = await client.diagnosticsFor(uri, version);
    assert.ok(
      codes(now).some((c) => c.startsWith("empty-section: '## Drawbacks' is empty")),
      codes(now).join('\n'),
    );
    version = client.change(uri, [{ range: { start: { line: drawbacks, character: 9 }, end: { line: drawbacks, character: 9 } }, text: ' later -->\nNone.' }]);
    now = await client.diagnosticsFor(uri, version);
    assert.deepEqual(codes(now), []);
  });

  it('publishes nothing for Markdown that is not a KEP', async () => {
    const notes = path.join(root, 'notes.md');
    const uri = client.open(notes, '# Notes\n\nJust notes.\n');
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  });

  it('re-analyses when kep.yaml changes on disk', async () => {
    const uri = client.open(readme, GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>'));
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), []);
    const yaml = path.join(path.dirname(readme), 'kep.yaml');
    writeFileSync(yaml, PROVISIONAL_YAML.replace('provisional', 'implementable'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(yaml).href, type: 2 }] });
    await eventually(
      'an unresolved warning after kep.yaml changed',
      async () => (await client.diagnosticsFor(uri, 1)).some((x) => x.code === 'unresolved') || undefined,
    );
  });

  it('serves hierarchical symbols with the section state, and folding ranges', async () => {
    const text = GOOD_KEP.replace('None.', '<!--\nnothing yet\n-->').replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>');
    const uri = client.open(readme, text);
    await client.diagnosticsFor(uri, 1);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'KEP-1234: Demo feature');
    const motivation = symbols[0].children!.find((s) => s.name === 'Motivation')!;
    assert.deepEqual(
      motivation.children!.map((s) => s.name),
      ['Goals', 'Non-Goals'],
    );
    assert.equal(symbols[0].children!.find((s) => s.name === 'Drawbacks')!.detail, 'empty');
    assert.equal(motivation.detail, 'filled');

    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    const lines = text.split('\n');
    const unresolvedLine = lines.indexOf('<<[UNRESOLVED]>>');
    assert.ok(
      folds.some((f) => f.startLine === unresolvedLine && f.endLine === unresolvedLine + 2),
      'UNRESOLVED block folds',
    );
    assert.ok(
      folds.some((f) => f.kind === 'comment' && lines[f.startLine] === '<!--'),
      'comment folds',
    );
    assert.ok(
      folds.some((f) => lines[f.startLine] === '## Motivation'),
      'sections fold',
    );
  });

  it('does not serve symbols when the client asks it not to', async () => {
    const second = new LspTestClient();
    const result = (await second.initialize(root, { documentSymbols: false })) as { capabilities: { documentSymbolProvider?: boolean } };
    assert.equal(result.capabilities.documentSymbolProvider, false);
    await second.shutdown();
  });

  it('offers "Update table of contents" and the fix makes the TOC current', async () => {
    const stale = GOOD_KEP.replace('  - [Goals](#goals)\n', '');
    const uri = client.open(readme, stale);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const tocDiagnostic = diagnostics.find((d) => d.code === 'toc');
    assert.ok(tocDiagnostic);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: tocDiagnostic.range,
      context: { diagnostics: [tocDiagnostic] },
    })) as CodeAction[];
    const update = actions.find((a) => a.title === 'Update table of contents');
    assert.ok(update?.edit?.changes?.[uri]);
    const edits = update.edit.changes[uri];
    const version = client.change(
      uri,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    assert.deepEqual(codes(await client.diagnosticsFor(uri, version)), []);
  });

  it('honours kep.rules from the configuration', async () => {
    client.settings = { rules: { 'missing-section': 'off' } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = client.open(readme, GOOD_KEP.replace('## Drawbacks\n\nNone.\n', ''));
    await eventually('diagnostics without missing-section', async () =>
      (await client.diagnosticsFor(uri, 1)).some((x) => x.code === 'missing-section') ? undefined : true,
    );
  });

  it('completes a missing template heading where it belongs', async () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('The proposal.\n', 'The proposal.\n\n###\n');
    const uri = client.open(readme, text);
    await client.diagnosticsFor(uri, 1);
    const line = text.split('\n').indexOf('###');
    const result = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 3 },
    })) as CompletionItem[];
    const risks = result.find((i) => i.label === '### Risks and Mitigations');
    assert.ok(risks, result.map((i) => i.label).join());
    assert.deepEqual((risks.textEdit as TextEdit).range, { start: { line, character: 0 }, end: { line, character: 3 } });
  });

  it('updates a stale table of contents on save only when kep.toc.updateOnSave is set', async () => {
    const stale = GOOD_KEP.replace('  - [Goals](#goals)\n', '');
    const uri = client.open(readme, stale);
    await client.diagnosticsFor(uri, 1);
    const willSave = () => client.connection.sendRequest('textDocument/willSaveWaitUntil', { textDocument: { uri }, reason: 1 }) as Promise<TextEdit[] | null>;
    assert.equal(await willSave(), null);
    client.settings = { toc: { updateOnSave: true } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const edits: TextEdit[] = await eventually('the TOC edit on save', async () => (await willSave()) ?? undefined);
    assert.ok(edits?.length, 'the TOC edit on save');
    const version = client.change(
      uri,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    assert.deepEqual(codes(await client.diagnosticsFor(uri, version)), []);
  });

  it('offers source and selection actions: insert all missing sections, wrap in UNRESOLVED', async () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('## Drawbacks\n\nNone.\n', '');
    const uri = client.open(readme, text);
    await client.diagnosticsFor(uri, 1);
    const line = text.split('\n').indexOf('Details.');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 8 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const insertAll = actions.find((a) => a.title === 'Insert all missing template sections');
    assert.equal(insertAll?.kind, 'source');
    assert.equal(actions.find((a) => a.title === 'Wrap in an UNRESOLVED block')?.kind, 'refactor.rewrite');
    const version = client.change(uri, asChanges(insertAll!.edit!.changes![uri]));
    const after = await client.diagnosticsFor(uri, version);
    assert.ok(!after.some((d) => d.code === 'missing-section'));
    assert.ok(!after.some((d) => d.code === 'toc'), 'the TOC came along');
  });

  it("brings the TOC along in a missing-section quick fix's edit", async () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('  - [Risks and Mitigations](#risks-and-mitigations)\n', '');
    const uri = client.open(readme, text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['missing-section'],
    );
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const insert = actions.find((a) => a.title === "Insert '### Risks and Mitigations'");
    const edits = insert?.edit?.changes?.[uri];
    assert.ok(edits, actions.map((a) => a.title).join());
    assert.equal(edits.length, 2);
    const lines = text.split('\n');
    const tocEdit = edits.find((e) => e.range.start.line === lines.indexOf('<!-- toc -->'));
    assert.ok(tocEdit && tocEdit.newText.includes('  - [Risks and Mitigations](#risks-and-mitigations)\n'), JSON.stringify(edits));
    assert.equal(tocEdit.range.end.line, lines.indexOf('<!-- /toc -->'));
    const version = client.change(uri, asChanges(edits));
    assert.deepEqual(
      codes(await client.diagnosticsFor(uri, version)).filter((c) => /^(toc|missing-section):/.test(c)),
      [],
    );
  });

  it('adds the TOC rewrite to a section the KEP Sections view inserts (kep/withTocUpdate)', async () => {
    const text = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '').replace('\n- [Drawbacks](#drawbacks)', '');
    const uri = client.open(readme, text);
    await client.diagnosticsFor(uri, 1);
    const outline = (await client.connection.sendRequest('kep/sectionsOutline', { uri })) as { sections: { title: string; insert?: TextEdit[] }[] };
    const insert = outline.sections.find((s) => s.title === 'Drawbacks')?.insert;
    assert.ok(insert);
    const changes = (await client.connection.sendRequest('kep/withTocUpdate', { uri, changes: insert })) as TextEdit[];
    assert.equal(changes.length, insert.length + 1);
    const version = client.change(uri, asChanges(changes));
    assert.deepEqual(
      codes(await client.diagnosticsFor(uri, version)).filter((c) => /^(toc|missing-section):/.test(c)),
      [],
    );
    assert.equal(await client.connection.sendRequest('kep/withTocUpdate', { uri: 'file:///not/open.md', changes: insert }), null);
  });

  it('plans a new KEP from the workspace template and refuses a taken number', async () => {
    const plan = (await client.connection.sendRequest('kep/planNewKep', {
      root,
      sig: 'sig-test',
      title: 'Better Things',
      number: '777',
      authors: ['@alice'],
      today: '2026-11-25',
    })) as { folder: string; files: { path: string; text: string }[] };
    assert.equal(plan.folder, 'keps/sig-test/777-better-things');
    assert.match(plan.files[0].text, /^# KEP-777: Better Things$/m);
    assert.match(plan.files[1].text, /^owning-sig: sig-test$/m);
    const taken = (await client.connection.sendRequest('kep/planNewKep', { root, sig: 'sig-test', title: 'Again', number: '1234', authors: [] })) as {
      error: string;
    };
    assert.equal(taken.error, 'KEP number 1234 is already used by keps/sig-test/1234-demo.');
  });

  it('explains PRR questions, sections and UNRESOLVED markers on hover', async () => {
    // Without a workspace template the bundled one (with the PRR questionnaire) applies.
    rmSync(path.join(root, 'keps/NNNN-kep-template'), { recursive: true, force: true });
    const question = '###### What are the reasonable SLOs (Service Level Objectives) for the enhancement?';
    const text = GOOD_KEP.replace(
      'Details.',
      `<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>\n\n## Production Readiness Review Questionnaire\n\n### Monitoring Requirements\n\n${question}\n\n99% of requests succeed.`,
    );
    const uri = client.open(readme, text);
    await client.diagnosticsFor(uri, 1);
    const lines = text.split('\n');
    const hover = async (line: number) =>
      ((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } })) as Hover | null)?.contents as
        | MarkupContent
        | undefined;
    const prr = await hover(lines.indexOf(question));
    assert.ok(prr && /SLO/.test(prr.value) && /beta/.test(prr.value), prr?.value);
    const section = await hover(lines.indexOf('## Summary'));
    assert.ok(section && section.value.length > 40, section?.value);
    const marker = await hover(lines.indexOf('<<[UNRESOLVED]>>'));
    assert.ok(marker && /line \d+/i.test(marker.value), marker?.value);
  });

  it('sends hovers and completion documentation as plain text to a client that does not render Markdown', async () => {
    writeFileSync(
      path.join(root, 'keps/sig-test/1234-demo/kep.yaml'),
      PROVISIONAL_YAML + 'feature-gates:\n  - name: DemoFeature\n    components:\n      - "kube`let\\n[x](command:y)\\e"\n',
    );
    const text = GOOD_KEP.replace('- [Summary](#summary)', '- [Summary](#sum%0A%0A[x](command:y%29%1B)').replace('Details.', '- Feature gate name: ');
    const plain = new LspTestClient();
    try {
      await plain.initialize(root, {}, ['plaintext']);
      const uri = plain.open(readme, text);
      await plain.diagnosticsFor(uri, 1);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('command:y'));
      const hover = (await plain.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } })) as Hover;
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, 'plaintext');
      assert.equal(contents.value, 'No heading of this document has the anchor #sum  [x](command:y)\u241b. Regenerate the TOC or fix the link.');

      const gate = lines.indexOf('- Feature gate name: ');
      const items = (await plain.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: gate, character: lines[gate].length },
      })) as CompletionItem[];
      const documentation = items.find((i) => i.label === 'DemoFeature')?.documentation as MarkupContent | undefined;
      assert.deepEqual(documentation, { kind: 'plaintext', value: 'Components in kep.yaml: kube`let [x](command:y)\u241b' });

      const rendered = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: client.open(readme, text) },
        position: { line, character: 4 },
      });
      assert.equal(((rendered as Hover).contents as MarkupContent).kind, 'markdown');
    } finally {
      await plain.shutdown();
    }
  });

  it('every quick fix offered for a README finding removes that finding', async () => {
    writeFileSync(
      path.join(root, 'keps/sig-test/1234-demo/kep.yaml'),
      PROVISIONAL_YAML + 'feature-gates:\n  - name: DemoFeature\n    components:\n      - kubelet\n',
    );
    const broken = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '')
      .replace('### Goals', '###### Goals')
      .replace('A summary.', 'A summary.\n\n<!--\nWrite a one-paragraph summary of the proposal.\n-->')
      .replace('Details.', 'Details.\n\n- [x] Feature gate\n  - Feature gate name: DemoFeatur\n');
    const uri = client.open(readme, broken);
    let version = 1;
    const fixed: string[] = [];
    for (;;) {
      const diagnostics = await client.diagnosticsFor(uri, version);
      let applied = false;
      for (const d of diagnostics) {
        const actions = (await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[];
        const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === d.code) && a.edit?.changes?.[uri]);
        if (!fix || fixed.includes(`${d.code}@${d.range.start.line}`)) continue;
        fixed.push(`${d.code}@${d.range.start.line}`);
        const edits = [...fix.edit!.changes![uri]].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
        version = client.change(
          uri,
          edits.map((e) => ({ range: e.range, text: e.newText })),
        );
        const after = await client.diagnosticsFor(uri, version);
        assert.ok(!after.some((x) => x.code === d.code && x.message === d.message), `${fix.title} left: ${d.message}`);
        applied = true;
        break;
      }
      if (!applied) break;
    }
    const rules = fixed.map((f) => f.split('@')[0]);
    for (const rule of ['missing-section', 'heading-level', 'template-comment', 'gate-not-in-kep-yaml'])
      assert.ok(rules.includes(rule), `${rule} fixed: ${fixed.join(', ')}`);
  });
});

describe('kep-language-server command', () => {
  const version = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;

  it('explains its usage when started without a transport, and exits 2', () => {
    const run = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Usage: kep-language-server --stdio/);
    assert.match(run.stderr, /no transport given/);
  });

  for (const flag of ['--help', '-h']) {
    it(`prints its usage on ${flag} and exits 0`, () => {
      const run = spawnSync(process.execPath, [SERVER, flag], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Usage: kep-language-server --stdio/);
      assert.match(run.stdout, /--version/);
      assert.equal(run.stderr, '');
    });
  }

  for (const flag of ['--version', '-v']) {
    it(`prints the package version on ${flag} and exits 0`, () => {
      const run = spawnSync(process.execPath, [SERVER, flag], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${version}\n`);
    });
  }

  it('names the package version in its initialize answer', async () => {
    const ws = createKepWorkspace('kep-ls-info-');
    const client = new LspTestClient();
    try {
      const result = (await client.initialize(ws.root)) as { serverInfo?: { name: string; version: string } };
      assert.deepEqual(result.serverInfo, { name: 'kep-language-server', version });
    } finally {
      await client.shutdown();
      ws.remove();
    }
  });
});
