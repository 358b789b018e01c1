// Hostile files through the real server over stdio and through kep-lint: diagnostics arrive within
// HANG_GUARD_MS (a hang guard for a busy CI machine, not a performance target), too-large and
// non-text files get their one clear finding, every request still answers, the server stays alive,
// and kep-lint exits 0 or 1 without a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { LspTestClient } from './lspClient';
import { aliasBomb, fiveMegabyteKepYaml, hundredThousandLines, nestedListOnOneLine, randomBytes, tenMegabyteReadme } from '../unit/support/hostileInputs';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { HANG_GUARD_MS } from '../support/hangGuard';

const CLI = path.resolve(__dirname, '../../kep-lint.js');
/** GOOD_KEP without its Drawbacks section (and so with a stale TOC): normal analysis shows. */
const BROKEN_KEP = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
const BROKEN_CODES = ['missing-section', 'toc'];

function lineCount(text: string): number {
  return text.split('\n').length;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

describe('language server on hostile files', function () {
  this.timeout(10 * HANG_GUARD_MS);
  let ws: KepWorkspace;
  let client: LspTestClient;

  before(async () => {
    ws = createKepWorkspace('kep-hostile-');
    client = new LspTestClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.shutdown();
    ws.remove();
  });

  /** Sends every read-only request a client makes on a position and checks each answers in time. */
  async function everyRequest(uri: string, line: number, character = 0): Promise<Record<string, unknown>> {
    const textDocument = { uri };
    const position = { line, character };
    const requests: Record<string, [string, unknown]> = {
      hover: ['textDocument/hover', { textDocument, position }],
      completion: ['textDocument/completion', { textDocument, position }],
      folding: ['textDocument/foldingRange', { textDocument }],
      symbols: ['textDocument/documentSymbol', { textDocument }],
      actions: ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
    };
    const answers: Record<string, unknown> = {};
    for (const [name, [method, params]] of Object.entries(requests)) {
      const start = Date.now();
      answers[name] = await client.connection.sendRequest(method, params);
      assert.ok(Date.now() - start < HANG_GUARD_MS, `${name} took ${Date.now() - start} ms, over the hang guard`);
    }
    return answers;
  }

  async function diagnosticsInTime(uri: string, version: number): Promise<Diagnostic[]> {
    return client.diagnosticsFor(uri, version, HANG_GUARD_MS);
  }

  it('reports a 10 MB README once, answers every request on it, and resumes analysis when it shrinks', async () => {
    const text = tenMegabyteReadme().replace('## Drawbacks\n\nNone.\n', '');
    const uri = client.open(ws.readme, text);
    const diagnostics = await diagnosticsInTime(uri, 1);
    assert.deepEqual(codes(diagnostics), ['input-limit']);
    assert.match(diagnostics[0].message, /^README\.md has [\d,]+ characters, more than the 1,572,864 characters that KEP checks analyse/);
    assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 0 });

    const lines = lineCount(text);
    for (const line of [0, 10, Math.floor(lines / 2), lines - 1]) {
      const answers = await everyRequest(uri, line, 3);
      assert.equal(answers.hover, null);
      assert.equal(answers.completion, null);
      assert.equal(answers.folding, null);
      assert.equal(answers.symbols, null);
      assert.deepEqual(answers.actions, []);
    }

    // Delete the appendix: the KEP is small again and its own finding appears.
    const keep = lineCount(BROKEN_KEP) - 1;
    const lastLine = text.slice(text.lastIndexOf('\n') + 1);
    const v2 = client.change(uri, [{ range: { start: { line: keep, character: 0 }, end: { line: lines - 1, character: lastLine.length } }, text: '' }]);
    const after = await diagnosticsInTime(uri, v2);
    assert.deepEqual(codes(after), BROKEN_CODES, JSON.stringify(after));
    const answers = await everyRequest(uri, 0, 3);
    assert.ok(Array.isArray(answers.folding) && answers.folding.length > 0, 'folding is back');

    // Paste it back in: over the limit again.
    const v3 = client.change(uri, [{ range: { start: { line: keep, character: 0 }, end: { line: keep, character: 0 } }, text: text.slice(BROKEN_KEP.length) }]);
    assert.deepEqual(codes(await diagnosticsInTime(uri, v3)), ['input-limit']);
    // An edit inside the large text is applied too: deleting most of it by a second range edit works.
    const v4 = client.change(uri, [{ range: { start: { line: keep, character: 0 }, end: { line: lines - 1, character: lastLine.length } }, text: '' }]);
    assert.deepEqual(codes(await diagnosticsInTime(uri, v4)), BROKEN_CODES);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('reports random bytes as not text, and stays alive for the next document', async () => {
    const junk = path.join(ws.root, 'keps/sig-test/2345-junk/README.md');
    mkdirSync(path.dirname(junk), { recursive: true });
    const uri = client.open(junk, randomBytes(1024 * 1024).toString('utf8'));
    const diagnostics = await diagnosticsInTime(uri, 1);
    assert.deepEqual(codes(diagnostics), ['input-limit']);
    assert.match(diagnostics[0].message, /^README\.md does not look like a text file/);
    const answers = await everyRequest(uri, 100, 5);
    assert.equal(answers.hover, null);
    assert.equal(answers.folding, null);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('survives 10,000 nested list items, CRLF, a BOM and tabs, answering every request', async () => {
    const nested = path.join(ws.root, 'keps/sig-test/3456-nested/README.md');
    mkdirSync(path.dirname(nested), { recursive: true });
    const text = nestedListOnOneLine(10_000);
    const uri = client.open(nested, text);
    const diagnostics = await diagnosticsInTime(uri, 1);
    assert.deepEqual(codes(diagnostics), ['input-limit'], JSON.stringify(diagnostics));
    assert.match(diagnostics[0].message, /nests lists or block quotes more than 32 levels deep/);
    const listLine = lineCount(text) - 2;
    const answers = await everyRequest(uri, listLine, 5000);
    assert.ok(Array.isArray(answers.folding));
    await everyRequest(uri, 0, 3);

    const odd = path.join(ws.root, 'keps/sig-test/4567-odd/README.md');
    mkdirSync(path.dirname(odd), { recursive: true });
    const oddUri = client.open(odd, '\uFEFF' + BROKEN_KEP.replace(/^(\S.*)$/gm, '$1\t').replace(/\n/g, '\r\n'));
    assert.deepEqual(codes(await diagnosticsInTime(oddUri, 1)), BROKEN_CODES);
    await everyRequest(oddUri, 3, 2);
  });

  it('reports a 5 MB kep.yaml once and an alias bomb as a YAML error, answering hover and completion', async () => {
    const big = path.join(ws.root, 'keps/sig-test/5678-big/kep.yaml');
    mkdirSync(path.dirname(big), { recursive: true });
    const uri = client.open(big, fiveMegabyteKepYaml(PROVISIONAL_YAML), 'yaml');
    const diagnostics = await diagnosticsInTime(uri, 1);
    assert.deepEqual(codes(diagnostics), ['input-limit']);
    assert.match(diagnostics[0].message, /^kep\.yaml has [\d,]+ characters, more than the 262,144 characters that KEP metadata checks analyse/);
    const answers = await everyRequest(uri, 20, 4);
    assert.equal(answers.hover, null);
    assert.equal(answers.completion, null);

    const bombPath = path.join(ws.root, 'keps/sig-test/6789-bomb/kep.yaml');
    mkdirSync(path.dirname(bombPath), { recursive: true });
    const bombUri = client.open(bombPath, aliasBomb('authors'), 'yaml');
    const bomb = await diagnosticsInTime(bombUri, 1);
    assert.ok(
      bomb.some((d) => d.code === 'yaml-syntax' && /alias bomb/.test(d.message)),
      JSON.stringify(bomb),
    );
    await everyRequest(bombUri, 30, 9);
  });

  it('analyses a 100,000-line README and one with an unterminated fence or comment at the top, answering every request', async () => {
    const long = path.join(ws.root, 'keps/sig-test/7890-long/README.md');
    mkdirSync(path.dirname(long), { recursive: true });
    const text = hundredThousandLines().replace('## Drawbacks\n\nNone.\n', '');
    const uri = client.open(long, text);
    assert.deepEqual(codes(await diagnosticsInTime(uri, 1)), BROKEN_CODES);
    const answers = await everyRequest(uri, 50_000, 3);
    assert.ok(Array.isArray(answers.folding) && answers.folding.length > 0);
    assert.ok(Array.isArray(answers.symbols) && answers.symbols.length > 0);
    for (const [i, opener] of ['```\n', '<!--\n'].entries()) {
      const file = path.join(ws.root, `keps/sig-test/789${i}-open/README.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      const openUri = client.open(file, opener + BROKEN_KEP);
      assert.deepEqual(codes(await diagnosticsInTime(openUri, 1)), BROKEN_CODES);
      await everyRequest(openUri, 0, 1);
    }
  });

  it('reports an alias bomb in an approval file and every wrongly typed kep.yaml field', async () => {
    const prr = path.join(ws.root, 'keps/prod-readiness/sig-test/1234.yaml');
    mkdirSync(path.dirname(prr), { recursive: true });
    const prrUri = client.open(prr, aliasBomb('alpha'), 'yaml');
    const bomb = await diagnosticsInTime(prrUri, 1);
    assert.ok(
      bomb.some((d) => d.code === 'yaml-syntax' && /alias bomb/.test(d.message)),
      JSON.stringify(bomb),
    );
    await everyRequest(prrUri, 30, 5);

    const types = path.join(ws.root, 'keps/sig-test/8901-types/kep.yaml');
    mkdirSync(path.dirname(types), { recursive: true });
    const typesUri = client.open(types, 'title: [a]\nauthors: alice\nmilestone: [x]\ndisable-supported: {a: b}\nstage: ~\nreviewers: 42\n', 'yaml');
    const found = await diagnosticsInTime(typesUri, 1);
    assert.deepEqual(
      found.filter((d) => d.code === 'field-type').map((d) => d.range.start.line),
      [0, 1, 2, 3, 5],
      JSON.stringify(found),
    );
    await everyRequest(typesUri, 1, 9);
  });

  it('is still alive and analysing after all of it', async () => {
    const uri = client.open(ws.readme, BROKEN_KEP);
    assert.deepEqual(codes(await diagnosticsInTime(uri, 1)), BROKEN_CODES);
    assert.equal(client.stderr.includes('RangeError'), false, client.stderr);
    assert.equal(client.logs.includes('KEP analysis failed'), false, client.logs);
  });
});

describe('kep-lint on hostile files', function () {
  this.timeout(4 * HANG_GUARD_MS);
  let ws: KepWorkspace;

  beforeEach(() => {
    ws = createKepWorkspace('kep-lint-hostile-');
  });
  afterEach(() => ws.remove());

  function write(relative: string, content: string | Buffer): void {
    const full = path.join(ws.root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  function kepLint(args: string[]) {
    const start = Date.now();
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ws.root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: HANG_GUARD_MS * 2 });
    const ms = Date.now() - start;
    assert.ok(ms < HANG_GUARD_MS, `kep-lint took ${ms} ms, over the hang guard`);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    return run;
  }

  it('reports too-large and non-text READMEs and exits 0 when nothing else is wrong', () => {
    write('keps/sig-test/1234-demo/README.md', tenMegabyteReadme());
    write('keps/sig-test/2345-junk/README.md', randomBytes(256 * 1024));
    write('keps/sig-test/3456-nested/README.md', nestedListOnOneLine(10_000));
    write('notes.md', '# Notes\n\n' + 'x'.repeat(3 * 1024 * 1024));
    const run = kepLint(['.']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^keps\/sig-test\/1234-demo\/README\.md:1:1 {2}warning {2}README\.md has [\d,]+ bytes, more than the 1,572,864 characters that KEP checks analyse.* {2}input-limit$/m,
    );
    assert.match(run.stdout, /^keps\/sig-test\/2345-junk\/README\.md:1:1 {2}warning {2}README\.md does not look like a text file.* {2}input-limit$/m);
    assert.match(run.stdout, /^keps\/sig-test\/3456-nested\/README\.md:\d+:1 {2}warning {2}Lines? \d+.* not checked .* {2}input-limit$/m);
    assert.doesNotMatch(run.stdout, /notes\.md/);
    assert.equal(run.stderr, '');
  });

  it('counts characters of a README it can read and bytes of one too large to read', () => {
    write('keps/sig-test/1234-demo/README.md', GOOD_KEP + 'x'.repeat(3 * 1024 * 1024));
    write('keps/sig-test/2345-huge/README.md', GOOD_KEP + 'x'.repeat(9 * 1024 * 1024));
    const run = kepLint(['--format', 'json', 'keps']);
    assert.equal(run.status, 0, run.stderr);
    const findings = JSON.parse(run.stdout) as { file: string; rule: string; message: string }[];
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.rule}`),
      ['keps/sig-test/1234-demo/README.md input-limit', 'keps/sig-test/2345-huge/README.md input-limit'],
    );
    assert.match(findings[0].message, /^README\.md has 3,146,\d{3} characters, more than the 1,572,864 characters/);
    assert.match(findings[1].message, /^README\.md has 9,437,\d{3} bytes, more than the 1,572,864 characters/);
  });

  it('reports a 5 MB kep.yaml, an alias bomb and wrong types, and exits 1 for the errors', () => {
    write('keps/sig-test/1234-demo/kep.yaml', fiveMegabyteKepYaml(PROVISIONAL_YAML));
    write('keps/prod-readiness/sig-test/1234.yaml', aliasBomb('alpha'));
    write('keps/sig-test/2345-types/kep.yaml', 'title: [a]\nauthors: alice\nmilestone: [x]\ndisable-supported: {a: b}\n');
    const run = kepLint(['keps']);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^keps\/sig-test\/1234-demo\/kep\.yaml:1:1 {2}warning {2}kep\.yaml has [\d,]+ characters, more than the 262,144 .* {2}input-limit$/m,
    );
    assert.match(run.stdout, /^keps\/prod-readiness\/sig-test\/1234\.yaml:\d+:\d+ {2}error {2}YAML syntax error: its aliases .*alias bomb.* {2}yaml-syntax$/m);
    assert.equal((run.stdout.match(/^keps\/sig-test\/2345-types\/kep\.yaml:.* {2}field-type$/gm) ?? []).length, 4, run.stdout);
  });
});
