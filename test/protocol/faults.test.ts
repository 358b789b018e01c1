// Faults and protocol abuse against the real server over stdio: a burst of edits, requests for
// documents and positions that do not exist, cancelled requests, kep.yaml and the template
// changing under an open README, and a killed server. The oracle is a fresh server that is
// given the final state in one go: whatever happened before, the answers must be the same.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionItem, Diagnostic, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol';
import { GOOD_KEP, PROVISIONAL_YAML, TEMPLATE_TEXT } from '../unit/support/kepFixture';
import fc from 'fast-check';
import { applyToString, editArb, REPRODUCE, resolveEdit } from '../unit/support/fuzzSupport';
import { describeWithSample, SAMPLE, sampleReadmes } from '../unit/support/sample';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';

const REQUEST_CANCELLED = -32800;
const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}: ${d.message}`);
}

/** What a server that never saw the history reports for `text` at `file` (with the disk as it is now). */
async function freshDiagnostics(root: string, file: string, text: string, languageId = 'markdown'): Promise<Diagnostic[]> {
  const fresh = new LspTestClient();
  try {
    await fresh.initialize(root);
    const uri = fresh.open(file, text, languageId);
    return await fresh.diagnosticsFor(uri, 1);
  } finally {
    await fresh.shutdown();
  }
}

/** Answers that depend on the whole text of a README: if two servers agree on all of them, they hold the same text. */
async function textDependentAnswers(client: LspTestClient, uri: string): Promise<unknown> {
  const textDocument = { uri };
  return {
    symbols: await client.connection.sendRequest('textDocument/documentSymbol', { textDocument }),
    folds: await client.connection.sendRequest('textDocument/foldingRange', { textDocument }),
    outline: await client.connection.sendRequest('kep/sectionsOutline', { uri }),
  };
}

/** A small deterministic generator (mulberry32), so a failing burst can be replayed exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The client's copy of a document, edited the way an editor would, producing LSP change events. */
class ClientText {
  constructor(public text: string) {}

  private lines(): string[] {
    return this.text.split('\n');
  }

  private offset(line: number, character: number): number {
    const lines = this.lines();
    let at = 0;
    for (let i = 0; i < line; i++) at += lines[i].length + 1;
    return at + character;
  }

  /** A position inside the text, spread over the document by `r`. */
  position(r: () => number): { line: number; character: number } {
    const lines = this.lines();
    const line = Math.floor(r() * lines.length);
    return { line, character: Math.floor(r() * (lines[line].length + 1)) };
  }

  lineCount(): number {
    return this.lines().length;
  }

  lineText(line: number): string {
    return this.lines()[line];
  }

  replace(start: { line: number; character: number }, end: { line: number; character: number }, text: string): TextDocumentContentChangeEvent {
    const from = this.offset(start.line, start.character);
    const to = this.offset(end.line, end.character);
    this.text = this.text.slice(0, from) + text + this.text.slice(to);
    return { range: { start, end }, text };
  }
}

/** One random editor-like change: typing, deleting, newlines, and headings added and removed. */
function randomChange(doc: ClientText, r: () => number): TextDocumentContentChangeEvent {
  const kind = Math.floor(r() * 8);
  const at = doc.position(r);
  switch (kind) {
    case 0:
    case 1:
      return doc.replace(at, at, 'abc xyz'.charAt(Math.floor(r() * 7)));
    case 2:
      return doc.replace(at, at, '\n');
    case 3: {
      const heading = ['## Alternatives', '### Notes', '#### Deep', '## Summary', '# KEP-9: x'][Math.floor(r() * 5)];
      return doc.replace({ line: at.line, character: 0 }, { line: at.line, character: 0 }, `${heading}\n\n`);
    }
    case 4: {
      // Remove a whole heading line near `at`, when there is one.
      for (let line = at.line; line < Math.min(doc.lineCount() - 1, at.line + 40); line++) {
        if (/^#{1,6} /.test(doc.lineText(line))) return doc.replace({ line, character: 0 }, { line: line + 1, character: 0 }, '');
      }
      return doc.replace(at, at, '');
    }
    case 5: {
      const endLine = Math.min(doc.lineCount() - 1, at.line + Math.floor(r() * 3));
      const end =
        endLine === at.line
          ? { line: endLine, character: at.character + Math.floor(r() * (doc.lineText(endLine).length - at.character + 1)) }
          : { line: endLine, character: 0 };
      return doc.replace(at, end, '');
    }
    case 6:
      return doc.replace(at, at, ['<!--', '-->', '```', '<<[UNRESOLVED]>>', '<<[/UNRESOLVED]>>', '- '][Math.floor(r() * 6)]);
    default: {
      if (at.character === 0) return doc.replace(at, at, ' ');
      return doc.replace({ line: at.line, character: at.character - 1 }, at, '');
    }
  }
}

/** Every text edit in a code action or completion answer. */
function editsIn(answer: unknown): TextEdit[] {
  if (!Array.isArray(answer)) return [];
  const edits: TextEdit[] = [];
  for (const item of answer as (CodeAction & CompletionItem)[]) {
    for (const list of Object.values(item.edit?.changes ?? {})) edits.push(...list);
    if (item.textEdit && 'range' in item.textEdit) edits.push(item.textEdit);
    edits.push(...(item.additionalTextEdits ?? []));
  }
  return edits;
}

describe('faults and protocol abuse (server over stdio)', function () {
  this.timeout(120_000);
  let workspace: KepWorkspace;
  let client: LspTestClient;

  beforeEach(async () => {
    workspace = createKepWorkspace('kep-faults-');
    client = new LspTestClient();
    await client.initialize(workspace.root);
  });

  afterEach(async () => {
    await client.shutdown();
    workspace.remove();
  });

  describeWithSample('a burst of 1,000 edits on the largest sample README', () => {
    const SAMPLE_KEP = 'keps/sig-node/4381-dra-structured-parameters';

    it('ends with diagnostics of the final text, versions that never go back, and the same text as the client', async () => {
      const folder = path.join(workspace.root, SAMPLE_KEP);
      mkdirSync(folder, { recursive: true });
      copyFileSync(path.join(SAMPLE, SAMPLE_KEP, 'kep.yaml'), path.join(folder, 'kep.yaml'));
      copyFileSync(path.join(SAMPLE, 'keps/NNNN-kep-template/README.md'), path.join(workspace.root, 'keps/NNNN-kep-template/README.md'));
      const original = readFileSync(path.join(SAMPLE, SAMPLE_KEP, 'README.md'), 'utf8');
      assert.ok(original.length > 100_000, 'a real-size README');
      const file = path.join(folder, 'README.md');

      const uri = client.open(file, original);
      await client.diagnosticsFor(uri, 1, 30_000);
      const seed = Number(process.env.FC_SEED ?? 20261125);
      const r = random(seed);
      const doc = new ClientText(original);
      const from = client.published.length;
      let version = 1;
      for (let i = 0; i < 1000; i++) version = client.change(uri, [randomChange(doc, r)]);
      assert.equal(version, 1001);

      const final = await client.diagnosticsFor(uri, version, 60_000);
      await client.settle();
      const publishes = client.publishesSince(uri, from);
      const versions = publishes.map((p) => p.version ?? -1);
      for (let i = 1; i < versions.length; i++) {
        assert.ok(versions[i] >= versions[i - 1], `publish ${i} (version ${versions[i]}) came after version ${versions[i - 1]} (seed ${seed})`);
      }
      assert.equal(versions[versions.length - 1], 1001, 'the last publish is of the last version');
      assert.deepEqual(publishes[publishes.length - 1].diagnostics, final);

      assert.notEqual(doc.text, original);
      const fresh = new LspTestClient();
      try {
        await fresh.initialize(workspace.root);
        const freshUri = fresh.open(file, doc.text);
        const expected = await fresh.diagnosticsFor(freshUri, 1, 30_000);
        assert.deepEqual(codes(final), codes(expected), `seed ${seed}`);
        assert.deepEqual(final, expected, 'and the same ranges, severities and data');
        assert.deepEqual(
          await textDependentAnswers(client, uri),
          await textDependentAnswers(fresh, freshUri),
          `the server's text is the client's (seed ${seed})`,
        );
        // Make every line a heading, so the outline spells out each line in full: a character
        // the server lost or kept anywhere in the burst now shows in a symbol name.
        const headings: TextDocumentContentChangeEvent[] = [];
        for (let line = doc.lineCount() - 1; line >= 0; line--) headings.push(doc.replace({ line, character: 0 }, { line, character: 0 }, '## '));
        const version = client.change(uri, headings);
        await client.diagnosticsFor(uri, version, 30_000);
        const freshAgain = fresh.change(freshUri, [{ text: doc.text }]);
        await fresh.diagnosticsFor(freshUri, freshAgain, 30_000);
        assert.deepEqual(await textDependentAnswers(client, uri), await textDependentAnswers(fresh, freshUri), `every line is the client's (seed ${seed})`);
      } finally {
        await fresh.shutdown();
      }
    });
  });

  describe('documents that were never opened', () => {
    const position = { line: 3, character: 2 };
    const range = { start: position, end: position };

    it('answers null or nothing for every request, and ignores changes and closes', async () => {
      const ghost = pathToFileURL(path.join(workspace.root, 'keps/sig-test/1234-demo/ghost/README.md')).href;
      const ghostYaml = pathToFileURL(path.join(workspace.root, 'keps/sig-test/9999-ghost/kep.yaml')).href;
      for (const uri of [ghost, ghostYaml, 'untitled:Untitled-1', 'not a uri at all']) {
        const textDocument = { uri };
        const answers = {
          hover: await client.connection.sendRequest('textDocument/hover', { textDocument, position }),
          completion: await client.connection.sendRequest('textDocument/completion', { textDocument, position }),
          folding: await client.connection.sendRequest('textDocument/foldingRange', { textDocument }),
          symbols: await client.connection.sendRequest('textDocument/documentSymbol', { textDocument }),
          actions: await client.connection.sendRequest('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }),
          outline: await client.connection.sendRequest('kep/sectionsOutline', { uri }),
          willSave: await client.connection.sendRequest('textDocument/willSaveWaitUntil', { textDocument, reason: 1 }),
        };
        for (const [request, answer] of Object.entries(answers)) {
          assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${request} for ${uri}: ${JSON.stringify(answer)}`);
        }
        client.notify('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ range, text: '## Hello\n' }] });
        client.notify('textDocument/didChange', { textDocument: { uri, version: 8 }, contentChanges: [{ text: '# KEP-1: whole\n' }] });
        client.notify('textDocument/didClose', { textDocument });
        client.notify('textDocument/didSave', { textDocument });
      }
      // The server keeps working: a real document still gets its findings.
      const uri = client.open(workspace.readme, GOOD_KEP.replace('## Drawbacks\n\nNone.\n', ''));
      assert.ok(codes(await client.diagnosticsFor(uri, 1)).some((c) => c.startsWith('missing-section@')));
      assert.equal(client.logs, '', 'nothing was logged as a failure');
    });
  });

  describe('positions that are not in the document', () => {
    const FAR = [
      { line: 1_000_000, character: 1_000_000 },
      { line: 1_000_000, character: 0 },
      { line: 0, character: 1_000_000 },
      { line: 5, character: 10_000 },
      { line: -1, character: -1 },
      { line: 2, character: -5 },
    ];

    async function abuse(uri: string, lastLine: number): Promise<string[]> {
      const problems: string[] = [];
      const positions = [...FAR, { line: lastLine, character: 500 }, { line: lastLine + 1, character: 0 }];
      for (const position of positions) {
        const textDocument = { uri };
        const far = { line: position.line + 3, character: position.character };
        const requests: [string, unknown][] = [
          ['textDocument/hover', { textDocument, position }],
          ['textDocument/completion', { textDocument, position }],
          ['textDocument/codeAction', { textDocument, range: { start: position, end: far }, context: { diagnostics: [] } }],
          ['textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } }],
        ];
        for (const [method, params] of requests) {
          try {
            const answer = await client.connection.sendRequest(method, params);
            if (answer !== null && !Array.isArray(answer) && typeof answer !== 'object')
              problems.push(`${method} at ${JSON.stringify(position)}: ${JSON.stringify(answer)}`);
            for (const edit of editsIn(answer)) {
              const { start, end } = edit.range;
              const inside = (p: { line: number; character: number }) => p.line >= 0 && p.character >= 0 && p.line <= lastLine;
              if (!inside(start) || !inside(end)) problems.push(`${method} at ${JSON.stringify(position)} edits outside the document: ${JSON.stringify(edit)}`);
            }
          } catch (error) {
            problems.push(`${method} at ${JSON.stringify(position)} failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
      return problems;
    }

    it('a README answers without errors', async () => {
      const uri = client.open(workspace.readme, GOOD_KEP);
      await client.diagnosticsFor(uri, 1);
      assert.deepEqual(await abuse(uri, GOOD_KEP.split('\n').length - 1), []);
      assert.equal(client.logs, '');
    });

    it('kep.yaml answers without errors', async () => {
      const uri = client.open(workspace.kepYaml, PROVISIONAL_YAML, 'yaml');
      await client.diagnosticsFor(uri, 1);
      assert.deepEqual(await abuse(uri, PROVISIONAL_YAML.split('\n').length - 1), []);
      assert.equal(client.logs, '');
    });

    it('malformed params get an answer or an error response, and the server keeps working', async () => {
      const uri = client.open(workspace.readme, GOOD_KEP);
      await client.diagnosticsFor(uri, 1);
      const textDocument = { uri };
      const malformed: [string, unknown][] = [
        ['textDocument/hover', { textDocument, position: { line: 'x', character: null } }],
        ['textDocument/hover', { textDocument, position: { line: 1.5, character: NaN } }],
        ['textDocument/completion', { textDocument }],
        [
          'textDocument/codeAction',
          { textDocument, range: { start: { line: 9, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } },
        ],
        ['textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } }],
        ['kep/sectionsOutline', {}],
        ['kep/withTocUpdate', {}],
        ['kep/withTocUpdate', { uri, changes: 'x' }],
        ['kep/withTocUpdate', { uri, changes: [{ range: { start: { line: -5, character: 1e9 }, end: { line: 'x' } }, newText: 1 }] }],
        ['kep/withTocUpdate', { uri, changes: [{ range: { start: { line: 1e9, character: -3 }, end: { line: -1, character: 0 } }, newText: '## X\n' }] }],
      ];
      for (const [method, params] of malformed) {
        try {
          await client.connection.sendRequest(method, params);
        } catch (error) {
          assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`);
        }
      }
      // An edit that starts past the end of the text and a change before any range are applied as well as they can be.
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 10_000, character: 0 }, end: { line: 10_001, character: 0 } }, text: '\n## Extra\n' }],
      });
      assert.ok(Array.isArray(await client.diagnosticsFor(uri, 2)));
      // The server is still alive and right: replacing the whole text gives a fresh server's findings.
      const text = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
      client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
      assert.deepEqual(await client.diagnosticsFor(uri, 3), await freshDiagnostics(workspace.root, workspace.readme, text));
    });
  });

  describe('cancelled requests', () => {
    async function settled(promise: Promise<unknown>): Promise<'answered' | 'cancelled'> {
      try {
        await promise;
        return 'answered';
      } catch (error) {
        assert.ok(error instanceof ResponseError && error.code === REQUEST_CANCELLED, `a result or RequestCancelled, not ${String(error)}`);
        return 'cancelled';
      }
    }

    it('a request cancelled at once gets a result or RequestCancelled, and the next one is answered', async () => {
      const uri = client.open(workspace.readme, GOOD_KEP);
      await client.diagnosticsFor(uri, 1);
      const outcomes: string[] = [];
      for (const method of [
        'textDocument/foldingRange',
        'textDocument/documentSymbol',
        'textDocument/hover',
        'textDocument/completion',
        'textDocument/codeAction',
      ]) {
        const source = new CancellationTokenSource();
        const position = { line: 8, character: 3 };
        const params = { textDocument: { uri }, position, range: { start: position, end: position }, context: { diagnostics: [] } };
        const answer = client.connection.sendRequest(method, params, source.token);
        source.cancel();
        outcomes.push(`${method}: ${await settled(answer)}`);
        const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as unknown[];
        assert.ok(folds.length > 0, `answers normally after a cancelled ${method}`);
      }
      assert.equal(outcomes.length, 5);
    });

    it('cancelling an answered request or an unknown id changes nothing', async () => {
      const uri = client.open(workspace.readme, GOOD_KEP);
      await client.diagnosticsFor(uri, 1);
      const source = new CancellationTokenSource();
      const before = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
      source.cancel();
      for (const id of [0, 1, 2, 99_999, 'nope', -1]) client.notify('$/cancelRequest', { id });
      client.notify('$/cancelRequest', {});
      assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), before);
      const version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
      assert.deepEqual(await client.diagnosticsFor(uri, version), []);
    });

    it('a burst of cancelled requests between edits still ends with the right diagnostics', async () => {
      const uri = client.open(workspace.readme, GOOD_KEP);
      await client.diagnosticsFor(uri, 1);
      const doc = new ClientText(GOOD_KEP);
      const r = random(7);
      const answers: Promise<unknown>[] = [];
      for (let i = 0; i < 100; i++) {
        client.change(uri, [randomChange(doc, r)]);
        const source = new CancellationTokenSource();
        answers.push(settled(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token)));
        if (i % 2 === 0) source.cancel();
      }
      await Promise.all(answers);
      const final = await client.diagnosticsFor(uri, 101);
      assert.deepEqual(final, await freshDiagnostics(workspace.root, workspace.readme, doc.text));
    });
  });

  describe('kep.yaml and the template change under an open README', () => {
    const UNRESOLVED_KEP = GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>');
    const IMPLEMENTABLE = PROVISIONAL_YAML.replace('provisional', 'implementable');

    function watched(file: string, type: number): void {
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type }] });
    }

    /** Notifies the server, waits for the README to be republished, and checks it against a fresh server. */
    async function afterDiskChange(uri: string, changes: [string, number][], text = UNRESOLVED_KEP): Promise<string[]> {
      await client.settle(100);
      const mark = client.published.length;
      for (const [file, type] of changes) watched(file, type);
      await client.diagnosticsSince(uri, mark);
      await client.settle(100);
      const latest = codes(client.publishesSince(uri, mark).pop()!.diagnostics);
      assert.deepEqual(latest, codes(await freshDiagnostics(workspace.root, workspace.readme, text)));
      return latest;
    }

    const hasUnresolved = (c: string[]) => c.some((x) => x.startsWith('unresolved@'));

    it('kep.yaml deleted, renamed away, recreated and changed: the README follows', async () => {
      writeFileSync(workspace.kepYaml, IMPLEMENTABLE);
      const uri = client.open(workspace.readme, UNRESOLVED_KEP);
      assert.ok(hasUnresolved(codes(await client.diagnosticsFor(uri, 1))), 'implementable with open debate');

      rmSync(workspace.kepYaml);
      assert.ok(!hasUnresolved(await afterDiskChange(uri, [[workspace.kepYaml, FILE_DELETED]])), 'no kep.yaml, no status');

      writeFileSync(workspace.kepYaml, IMPLEMENTABLE);
      assert.ok(hasUnresolved(await afterDiskChange(uri, [[workspace.kepYaml, FILE_CREATED]])), 'recreated');

      const away = workspace.kepYaml + '.bak';
      renameSync(workspace.kepYaml, away);
      assert.ok(
        !hasUnresolved(
          await afterDiskChange(uri, [
            [workspace.kepYaml, FILE_DELETED],
            [away, FILE_CREATED],
          ]),
        ),
        'renamed away',
      );

      renameSync(away, workspace.kepYaml);
      assert.ok(
        hasUnresolved(
          await afterDiskChange(uri, [
            [away, FILE_DELETED],
            [workspace.kepYaml, FILE_CREATED],
          ]),
        ),
        'renamed back',
      );

      writeFileSync(workspace.kepYaml, PROVISIONAL_YAML);
      assert.ok(!hasUnresolved(await afterDiskChange(uri, [[workspace.kepYaml, FILE_CHANGED]])), 'back to provisional');

      writeFileSync(workspace.kepYaml, '\u0000\u0001: [unclosed\n\t- {{{\n');
      await afterDiskChange(uri, [[workspace.kepYaml, FILE_CHANGED]]);
      assert.equal(client.logs, '', 'nothing failed');
    });

    it('kep.yaml open in the editor while deleted on disk: the open text counts until it is closed', async () => {
      const readmeUri = client.open(workspace.readme, UNRESOLVED_KEP);
      await client.diagnosticsFor(readmeUri, 1);
      const yamlUri = client.open(workspace.kepYaml, IMPLEMENTABLE, 'yaml');
      await client.diagnosticsFor(yamlUri, 1);
      await client.settle(100);
      assert.ok(hasUnresolved(codes(await client.diagnosticsFor(readmeUri, 1))), 'the unsaved status counts');

      rmSync(workspace.kepYaml);
      let mark = client.published.length;
      watched(workspace.kepYaml, FILE_DELETED);
      await client.diagnosticsSince(readmeUri, mark);
      await client.settle(100);
      assert.ok(hasUnresolved(codes(await client.diagnosticsFor(readmeUri, 1))), 'the open kep.yaml still counts');
      assert.ok(Array.isArray(await client.diagnosticsFor(yamlUri, 1)));

      // The editor keeps editing the deleted file.
      const version = client.change(yamlUri, [{ range: { start: { line: 5, character: 8 }, end: { line: 5, character: 21 } }, text: 'provisional' }]);
      await client.diagnosticsFor(yamlUri, version);
      await client.settle(100);
      assert.ok(!hasUnresolved(codes(await client.diagnosticsFor(readmeUri, 1))), 'follows the unsaved edit');

      mark = client.published.length;
      client.close(yamlUri);
      await client.diagnosticsSince(readmeUri, mark);
      await client.settle(100);
      const closed = codes(client.publishesSince(readmeUri, mark).pop()!.diagnostics);
      assert.deepEqual(closed, codes(await freshDiagnostics(workspace.root, workspace.readme, UNRESOLVED_KEP)), 'closed: no kep.yaml at all');
      assert.deepEqual(client.publishesSince(yamlUri, mark).pop()?.diagnostics, [], 'a closed document is cleared');
      assert.equal(client.logs, '');
    });

    it('the workspace template deleted (bundled fallback), recreated with a change, and renamed', async () => {
      const template = path.join(workspace.root, 'keps/NNNN-kep-template/README.md');
      const uri = client.open(workspace.readme, UNRESOLVED_KEP);
      assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), [], 'the workspace template is met');

      rmSync(template);
      const bundled = await afterDiskChange(uri, [[template, FILE_DELETED]]);
      assert.ok(
        bundled.some((c) => c.startsWith('missing-section@') && c.includes('Production Readiness Review Questionnaire')),
        `the bundled template applies: ${bundled.join('\n')}`,
      );

      writeFileSync(template, TEMPLATE_TEXT + '\n## Alternatives\n');
      const changed = await afterDiskChange(uri, [[template, FILE_CREATED]]);
      assert.deepEqual(
        changed.map((c) => c.split(':')[0].split('@')[0]),
        ['missing-section'],
        changed.join('\n'),
      );
      assert.match(changed[0], /Alternatives/);

      renameSync(path.join(workspace.root, 'keps/NNNN-kep-template'), path.join(workspace.root, 'keps/old-template'));
      const renamed = await afterDiskChange(uri, [
        [template, FILE_DELETED],
        [path.join(workspace.root, 'keps/old-template/README.md'), FILE_CREATED],
      ]);
      assert.deepEqual(renamed, bundled, 'bundled again');

      renameSync(path.join(workspace.root, 'keps/old-template'), path.join(workspace.root, 'keps/NNNN-kep-template'));
      writeFileSync(template, TEMPLATE_TEXT);
      assert.deepEqual(await afterDiskChange(uri, [[template, FILE_CREATED]]), []);
      assert.equal(client.logs, '');
    });
  });

  describe('a server killed under the client', () => {
    it('a new server given the open documents republishes the same diagnostics without any edit', async () => {
      const text = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
      const readmeUri = client.open(workspace.readme, text);
      const yamlText = PROVISIONAL_YAML.replace('owning-sig: sig-test', 'owning-sig: sig-nope');
      const yamlUri = client.open(workspace.kepYaml, yamlText, 'yaml');
      const readmeBefore = await client.diagnosticsFor(readmeUri, 1);
      const yamlBefore = await client.diagnosticsFor(yamlUri, 1);
      assert.ok(readmeBefore.length > 0 && yamlBefore.length > 0, 'both have findings');

      // Killed in the middle of a burst of edits it never finished.
      for (let i = 0; i < 50; i++) client.change(readmeUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
      await client.kill();
      assert.equal(await client.exited, 'SIGKILL');

      // What vscode-languageclient does on a crash: start a new server and open the documents again.
      client = new LspTestClient();
      await client.initialize(workspace.root);
      const readmeAgain = client.open(workspace.readme, text);
      const yamlAgain = client.open(workspace.kepYaml, yamlText, 'yaml');
      assert.deepEqual(await client.diagnosticsFor(readmeAgain, 1), readmeBefore);
      assert.deepEqual(await client.diagnosticsFor(yamlAgain, 1), yamlBefore);
    });
  });

  describeWithSample('fuzz through the server', () => {
    const PIECES = fc.constantFrom(
      '\n',
      ' ',
      'x',
      '## Summary\n',
      '### Goals\n',
      '## Drawbacks\n',
      '<!--',
      '-->',
      '```\n',
      '<<[UNRESOLVED]>>\n',
      '- [ ] ',
      '\r\n',
    );
    // Small and mid-size sample READMEs keep each run short; the burst test above covers the largest.
    const readmes = sampleReadmes().filter((f) => readFileSync(f, 'utf8').length < 40_000);

    it('random edit sequences end with the diagnostics of a fresh open of the final text', async () => {
      assert.ok(readmes.length > 10);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(readmes.length - 1),
          fc.array(fc.array(editArb(PIECES), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
          async (which, notifications) => {
            const original = readFileSync(readmes[which], 'utf8');
            const file = path.join(workspace.root, path.relative(SAMPLE, readmes[which]));
            mkdirSync(path.dirname(file), { recursive: true });
            const kepYaml = path.join(path.dirname(readmes[which]), 'kep.yaml');
            if (existsSync(kepYaml)) copyFileSync(kepYaml, path.join(path.dirname(file), 'kep.yaml'));
            const server = new LspTestClient();
            try {
              await server.initialize(workspace.root);
              const uri = server.open(file, original);
              let text = original;
              let version = 1;
              for (const edits of notifications) {
                // Several changes in one notification apply in order, each to the text the previous one left.
                const changes: TextDocumentContentChangeEvent[] = edits.map((generated) => {
                  const edit = resolveEdit(text, generated);
                  text = applyToString(text, edit);
                  const range = { start: { line: edit.startLine, character: edit.startCharacter }, end: { line: edit.endLine, character: edit.endCharacter } };
                  return { range, text: edit.text };
                });
                version = server.change(uri, changes);
              }
              const final = await server.diagnosticsFor(uri, version, 30_000);
              assert.deepEqual(codes(final), codes(await freshDiagnostics(workspace.root, file, text)));
            } finally {
              await server.shutdown();
            }
          },
        ),
        { numRuns: 8, ...REPRODUCE },
      );
    });
  });
});
