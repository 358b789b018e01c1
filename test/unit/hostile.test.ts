// Hostile input at the analysis API: files too large or not text get one clear input-limit finding,
// analysable oddities (CRLF, BOM, tabs, unterminated constructs, deep nesting) give sensible
// findings, and nothing throws or hangs. Bounds: HANG_GUARD_MS (a hang guard, not a target).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bodyFacts } from '../../server/src/core/markdown/bodyFacts';
import { fieldInfo, knownKeys } from '../../server/src/core/kep/kepSchema';
import {
  MAX_INLINE_OPENERS,
  MAX_LINE_NESTING,
  MAX_LINK_BRACKETS,
  MAX_METADATA_CHARS,
  MAX_README_CHARS,
  MAX_README_LIST_ITEMS,
  MAX_README_HEADINGS,
  notTextProblem,
  splitAllLines,
} from '../../server/src/core/text/limits';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import type { Finding } from '../../server/src/core/rules/rule';
import { KepAnalyzer, readmeInputProblem } from '../../server/src/core/features/analysis';
import { analyzeMetadataFile } from '../../server/src/core/features/metadataFiles';
import { foldingRanges } from '../../server/src/core/features/folding';
import { documentSymbols } from '../../server/src/core/features/symbols';
import {
  aliasBomb,
  fiveMegabyteKepYaml,
  headingsToTheLimit,
  hundredThousandLines,
  nestedListByIndentation,
  nestedListOnOneLine,
  randomBytes,
  tenMegabyteReadme,
} from './support/hostileInputs';
import { GOOD_KEP, KEP_YAML, PROVISIONAL_YAML, README, workspace } from './support/kepFixture';
import { itWithSample, sampleReadmes } from './support/sample';
import { HANG_GUARD_MS } from '../support/hangGuard';

const PRR = '/ws/keps/prod-readiness/sig-test/1234.yaml';

function timed<T>(fn: () => T): T {
  const start = Date.now();
  const value = fn();
  const ms = Date.now() - start;
  assert.ok(ms < HANG_GUARD_MS, `took ${ms} ms, over the ${HANG_GUARD_MS} ms hang guard`);
  return value;
}

/** Findings for a README through the entry kep-lint uses (size and text checks first). */
function lintText(text: string, path = README): readonly Finding[] {
  return timed(() => new KepAnalyzer(workspace(text)).analyzeText(path, text) ?? []);
}

function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.range.start.line}: ${f.message}`);
}

function metadata(path: string, text: string): Finding[] {
  return timed(() => analyzeMetadataFile(path, text, workspace(GOOD_KEP, { kepYaml: text }), { rules: {} }) ?? []);
}

describe('hostile input: KEP READMEs', function () {
  this.timeout(4 * HANG_GUARD_MS);

  it('reports a 10 MB README as too large, once, at the top, and analyses nothing else', () => {
    const text = tenMegabyteReadme();
    const findings = lintText(text);
    assert.equal(findings.length, 1, summary(findings).join('\n'));
    const [f] = findings;
    assert.equal(f.rule, 'input-limit');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range.start, { line: 0, character: 0 });
    assert.match(f.message, /^README\.md has [\d,]+ characters, more than the 1,572,864 characters that KEP checks analyse, so they were skipped/);
    assert.match(f.message, /linked file/);
  });

  it('says nothing about a large Markdown file that is not a KEP', () => {
    assert.deepEqual(lintText('# Notes\n\n' + 'x'.repeat(MAX_README_CHARS + 1), '/ws/docs/notes.md'), []);
  });

  it('honours the input-limit rule being turned off, and still skips the analysis', () => {
    const text = tenMegabyteReadme();
    assert.deepEqual(new KepAnalyzer(workspace(text)).analyzeText(README, text, { rules: { 'input-limit': 'off' } }), []);
  });

  it('reports random bytes as not text instead of hundreds of findings', () => {
    const bytes = randomBytes(1024 * 1024);
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
      const findings = lintText(text);
      assert.equal(findings.length, 1, summary(findings).join('\n'));
      assert.equal(findings[0].rule, 'input-limit');
      assert.match(
        findings[0].message,
        /^README\.md does not look like a text file: it holds [\d,]+ control characters or bytes that are not UTF-8 \(the first at line \d+, column \d+\)/,
      );
    }
  });

  it('keeps a stray control character in real text an ordinary character', () => {
    assert.equal(notTextProblem(splitAllLines(GOOD_KEP.replace('Details.', 'Details.\u0007 \uFFFD'))), undefined);
    assert.ok(notTextProblem(splitAllLines(GOOD_KEP.replace('A summary.', 'A\u0000summary.'))), 'a NUL early on is binary');
  });

  it('analyses a 100,000-line README fully and finds what it finds in the same KEP without them', () => {
    const text = hundredThousandLines();
    assert.equal(splitAllLines(text).length, 100_001);
    assert.ok(text.length <= MAX_README_CHARS, `${text.length} characters`);
    const broken = (t: string) => t.replace('## Drawbacks\n\nNone.\n', '## Drawbacks\n\nNone.\n\n<<[UNRESOLVED]>>\n');
    const findings = lintText(broken(text));
    assert.ok(!findings.some((f) => f.rule === 'input-limit'), summary(findings).join('\n'));
    assert.ok(
      findings.some((f) => f.rule === 'unresolved'),
      summary(findings).join('\n'),
    );
  });

  it('skips a single block of 100,000 lines, saying so, and checks the rest', () => {
    const findings = lintText(hundredThousandLines(false));
    const skipped = findings.filter((f) => f.rule === 'input-limit');
    assert.equal(skipped.length, 1, summary(findings).join('\n'));
    assert.match(skipped[0].message, /^Lines \d+–100001 were not checked .*: they form one block of [\d,]+ characters, more than the 262,144 parsed at once/);
    assert.deepEqual(summary(findings.filter((f) => f.rule !== 'input-limit')), summary(lintText(GOOD_KEP)));
  });

  it('reports a README of more list items than it can parse in reasonable time', () => {
    const items = (n: number) => GOOD_KEP + '\n' + Array.from({ length: n }, (_, i) => `- item ${i}`).join('\n') + '\n';
    const findings = lintText(items(MAX_README_LIST_ITEMS + 1));
    assert.equal(findings.length, 1, summary(findings).join('\n'));
    assert.equal(findings[0].rule, 'input-limit');
    // GOOD_KEP's table of contents adds its own items.
    assert.match(
      findings[0].message,
      /^README\.md has 20,0\d\d list items, more than the 20,000 that KEP checks analyse in reasonable time, so they were skipped/,
    );
    assert.ok(!lintText(items(1000)).some((f) => f.rule === 'input-limit'));
  });

  it('reports a README of more headings than it can analyse in reasonable time, and checks one just under', () => {
    const headings = (n: number) => GOOD_KEP + '\n' + '## Summary\n\n'.repeat(n);
    const findings = lintText(headings(MAX_README_HEADINGS));
    assert.equal(findings.length, 1, summary(findings).join('\n'));
    assert.equal(findings[0].rule, 'input-limit');
    assert.match(findings[0].message, /^README\.md has 5,0\d\d headings, more than the 5,000 that KEP checks analyse in reasonable time/);
    const under = lintText(headings(MAX_README_HEADINGS - 20));
    assert.ok(!under.some((f) => f.rule === 'input-limit'));
    assert.ok(
      under.some((f) => f.rule === 'duplicate-section'),
      'the repeated headings are checked',
    );
  });

  it('does not overflow or hang on 10,000 nested list items on one line, and says what it skipped', () => {
    const text = nestedListOnOneLine(10_000);
    const findings = lintText(text);
    const skipped = findings.filter((f) => f.rule === 'input-limit');
    assert.equal(skipped.length, 1, summary(findings).join('\n'));
    const line = splitAllLines(text).length - 2;
    assert.equal(skipped[0].range.start.line, line);
    assert.match(
      skipped[0].message,
      new RegExp(
        `^Lines? ${line + 1}(–${line + 2})? (was|were) not checked .*: line ${line + 1} nests lists or block quotes more than ${MAX_LINE_NESTING} levels deep`,
      ),
    );
    // The rest of the KEP is still checked: the same findings as without the list, apart from this one.
    assert.deepEqual(summary(findings.filter((f) => f.rule !== 'input-limit')), summary(lintText(GOOD_KEP)));
  });

  it('moves the skipped-block finding with the text when lines are added above it', () => {
    const text = nestedListOnOneLine(1_000);
    const analyzer = new KepAnalyzer(workspace(text));
    const index = MarkdownIndex.fromText(text);
    const before = analyzer.analyze(README, index).filter((f) => f.rule === 'input-limit');
    assert.equal(before.length, 1);
    // Three lines at the top: the cached facts of the unchanged block below are reused, shifted.
    index.applyEdit({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: 'a\nb\nc\n' });
    const after = analyzer.analyze(README, index).filter((f) => f.rule === 'input-limit');
    const fresh = new KepAnalyzer(workspace(index.getText())).analyze(README, MarkdownIndex.fromText(index.getText()));
    assert.deepEqual(summary(after), summary(fresh.filter((f) => f.rule === 'input-limit')));
    assert.equal(after[0].range.start.line, before[0].range.start.line + 3);
  });

  it('does not hang on 1,000 list items nested by indentation (1 MB)', () => {
    const findings = lintText(nestedListByIndentation(1_000));
    const skipped = findings.filter((f) => f.rule === 'input-limit');
    assert.equal(skipped.length, 1, summary(findings).join('\n'));
    assert.match(skipped[0].message, /^Lines \d+–\d+ were not checked/);
  });

  it('parses nesting up to the limit, and treats code in a fence as not nested', () => {
    const shallow = nestedListByIndentation(MAX_LINE_NESTING);
    assert.ok(!lintText(shallow).some((f) => f.rule === 'input-limit'));
    const fenced = GOOD_KEP + '\n```yaml\n' + ' '.repeat(400) + 'key: value\n```\n';
    assert.ok(!lintText(fenced).some((f) => f.rule === 'input-limit'));
    const indentedProse = GOOD_KEP + '\n- item\n\n' + ' '.repeat(400) + 'still the item, or code\n';
    assert.ok(!lintText(indentedProse).some((f) => f.rule === 'input-limit'));
    const lines = splitAllLines(nestedListByIndentation(200));
    const facts = bodyFacts(lines, 0, lines.length);
    assert.equal(facts.skipped.length, 1);
    assert.equal(facts.hasContent, true);
  });

  for (const distinct of [false, true]) {
    // One heading repeated used to cost time quadratic in its copies (32,000 took minutes): the
    // body-facts cache kept a list per heading text and copied it on every body.
    it(`analyses a README of ${distinct ? 'distinct' : 'identical'} headings up to the size limit, and again after an edit of one`, () => {
      const text = headingsToTheLimit(MAX_README_CHARS, distinct);
      const analyzer = new KepAnalyzer(workspace(text));
      const index = MarkdownIndex.fromText(text);
      assert.ok(index.headings().length > 100_000, `${index.headings().length} headings`);
      const findings = timed(() => analyzer.analyze(README, index));
      assert.ok(!findings.some((f) => f.rule === 'input-limit'), summary(findings).slice(0, 5).join('\n'));
      if (!distinct) assert.ok(findings.filter((f) => f.rule === 'duplicate-section').length > 100_000);
      const line = Math.floor(index.lineCount / 2);
      index.applyEdit({ startLine: line, startCharacter: 3, endLine: line, endCharacter: 3, text: 'x' });
      const edited = timed(() => analyzer.analyze(README, index));
      const fresh = timed(() => new KepAnalyzer(workspace(index.getText())).analyze(README, MarkdownIndex.fromText(index.getText())));
      assert.equal(edited.length, fresh.length);
    });
  }

  // Link brackets cost remark time quadratic in a paragraph's length (100 KB of `[a][` took 7.8 s,
  // 255 KB 30 s), code spans and inline HTML a lot per construct: a chunk is parsed with only the
  // inline constructs its facts need, within a bound on their density.
  for (const unit of ['[a][', '[a](<', '`a', '``a`', '<a', '![a][']) {
    it(`checks a KEP with a 200 KB paragraph of ${unit} like one without it, and re-checks it after an edit inside`, () => {
      const paragraph = unit.repeat(Math.floor(200_000 / unit.length));
      const text = GOOD_KEP + '\n' + paragraph + '\n';
      const analyzer = new KepAnalyzer(workspace(text));
      const index = MarkdownIndex.fromText(text);
      assert.deepEqual(summary(timed(() => analyzer.analyze(README, index))), summary(lintText(GOOD_KEP)));
      const line = index.lineCount - 2;
      index.applyEdit({ startLine: line, startCharacter: 1000, endLine: line, endCharacter: 1000, text: 'x' });
      assert.deepEqual(summary(timed(() => analyzer.analyze(README, index))), summary(lintText(GOOD_KEP)));
    });
  }

  it('reports a dense paragraph that must be searched for markers, and checks it as text', () => {
    const dense = '`a'.repeat(MAX_INLINE_OPENERS) + ' <<[UNRESOLVED x]>> `<!-- in code -->`';
    const text = GOOD_KEP + '\n' + dense + '\n';
    const findings = lintText(text);
    const skipped = findings.filter((f) => f.rule === 'input-limit');
    assert.equal(skipped.length, 1, summary(findings).join('\n'));
    assert.match(
      skipped[0].message,
      /not checked for UNRESOLVED markers and comments within paragraphs: .* with [\d,]+ brackets, backticks and angle brackets, more than the 2,048/,
    );
    assert.deepEqual(summary(findings.filter((f) => f.rule !== 'input-limit')), summary(lintText(GOOD_KEP)));
    // Under the bound the same paragraph is parsed for code: the marker is found, the comment in code is not one.
    const light = GOOD_KEP + '\n' + '`a`'.repeat(100) + ' <<[UNRESOLVED x]>> `<!-- in code -->`\n';
    const parsed = lintText(light);
    assert.ok(!parsed.some((f) => f.rule === 'input-limit'), summary(parsed).join('\n'));
    assert.ok(
      parsed.some((f) => f.rule === 'unresolved'),
      summary(parsed).join('\n'),
    );
  });

  it("reports a paragraph with the template's example link among too many brackets to parse its links", () => {
    const text = GOOD_KEP + '\n' + '[a]'.repeat(MAX_LINK_BRACKETS) + ' [test name](https://example.com)\n';
    const findings = lintText(text);
    const skipped = findings.filter((f) => f.rule === 'input-limit');
    assert.equal(skipped.length, 1, summary(findings).join('\n'));
    assert.match(skipped[0].message, /not checked for the template's example test links: .* square brackets, more than the 64/);
  });

  it('does not hang on thousands of emphasis delimiters in one paragraph', () => {
    const text = GOOD_KEP + '\n' + 'a* '.repeat(20_000) + '\n\n' + '*'.repeat(20_000) + 'x' + '*'.repeat(20_000) + '\n';
    assert.deepEqual(summary(lintText(text)), summary(lintText(GOOD_KEP)));
  });

  it('gives sensible findings for an unterminated fence or comment at the top', () => {
    const broken = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
    const messages = (findings: readonly Finding[]) => findings.map((f) => `${f.rule}: ${f.message}`);
    const expected = messages(lintText(broken));
    assert.ok(expected.length >= 2);
    // The heading scanner reads a fence that never closes as mdtoc does (not as code to the end), and
    // a comment opened at the top ends at the first '-->' (the TOC marker's): the KEP reads as before.
    assert.deepEqual(messages(lintText('```\n' + broken)), expected);
    assert.deepEqual(messages(lintText('<!--\n' + broken)), expected);
    // Closed right away, both read as before.
    assert.deepEqual(messages(lintText('```\n```\n' + broken)), expected);
    assert.deepEqual(messages(lintText('<!--\n-->\n' + broken)), expected);
  });

  it('gives a CRLF KEP, a KEP with a BOM and a KEP with tabs the findings of its LF twin', () => {
    const broken = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '').replace('Details.', 'Details.\n\n- Feature gate name:\n');
    const lf = summary(lintText(broken));
    assert.ok(lf.length >= 2, lf.join('\n'));
    assert.deepEqual(summary(lintText(broken.replace(/\n/g, '\r\n'))), lf);
    assert.deepEqual(summary(lintText('\uFEFF' + broken)), lf);
    assert.deepEqual(summary(lintText(broken.replace(/^(\S.*)$/gm, '$1\t').replace('- Feature gate name:', '-\tFeature gate name:'))), lf);
  });

  it('does not let a BOM hide the first heading', () => {
    const path = '/elsewhere/notes.md';
    const text = '\uFEFF' + GOOD_KEP;
    const analyzer = new KepAnalyzer(workspace(text, { path, kepYaml: null }));
    assert.equal(analyzer.isKep(path, MarkdownIndex.fromText(text)), true);
    assert.equal(analyzer.isKepText(path, text), true);
  });

  itWithSample('analyses every sample README and a 1 MB concatenation of them fully', function () {
    const texts = sampleReadmes().map((p) => readFileSync(p, 'utf8'));
    assert.ok(texts.length > 100);
    for (const text of texts) {
      assert.equal(readmeInputProblem(MarkdownIndex.fromText(text)), undefined);
    }
    let big = '';
    for (let i = 0; big.length < 1024 * 1024; i++) big += texts[i % texts.length] + '\n';
    const findings = lintText(big);
    assert.ok(findings.length > 0);
    assert.ok(!findings.some((f) => f.rule === 'input-limit'), summary(findings.filter((f) => f.rule === 'input-limit')).join('\n'));
  });

  it('folds and lists symbols of a README at the size limit without trouble', () => {
    const text = hundredThousandLines();
    const analyzer = new KepAnalyzer(workspace(text));
    const ctx = analyzer.context(README, MarkdownIndex.fromText(text));
    assert.ok(timed(() => foldingRanges(ctx)).length > 0);
    assert.ok(timed(() => documentSymbols(ctx)).length > 0);
  });
});

describe('hostile input: kep.yaml and approval files', function () {
  this.timeout(4 * HANG_GUARD_MS);

  it('reports a 5 MB kep.yaml and approval file as too large', () => {
    for (const path of [KEP_YAML, PRR]) {
      const findings = metadata(path, fiveMegabyteKepYaml(PROVISIONAL_YAML));
      assert.equal(findings.length, 1, summary(findings).join('\n'));
      const name = path.endsWith('kep.yaml') ? 'kep\\.yaml' : '1234\\.yaml';
      assert.match(
        findings[0].message,
        new RegExp(`^${name} has [\\d,]+ characters, more than the ${MAX_METADATA_CHARS.toLocaleString('en-US')} characters that KEP metadata checks analyse`),
      );
    }
  });

  it('does not read a too-large kep.yaml for its README (the README is still checked)', () => {
    const big = fiveMegabyteKepYaml(PROVISIONAL_YAML);
    const findings = timed(() => new KepAnalyzer(workspace(GOOD_KEP, { kepYaml: big })).analyzeText(README, GOOD_KEP));
    assert.deepEqual(findings, []);
  });

  it('does not read a README over the limit for the kep.yaml checks', () => {
    const title = '# KEP-9999: Another number\n\n';
    const check = (readme: string) =>
      timed(() => analyzeMetadataFile(KEP_YAML, PROVISIONAL_YAML, workspace(readme), { rules: {} }) ?? []).filter((f) => f.rule === 'kep-number-match');
    assert.equal(check(title).length, 1, 'a README of normal size is read');
    assert.deepEqual(check(title + 'x'.repeat(MAX_README_CHARS)), []);
  });

  it('reports random bytes in kep.yaml as not text', () => {
    const findings = metadata(KEP_YAML, randomBytes(64 * 1024).toString('utf8'));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^kep\.yaml does not look like a text file/);
  });

  it('reports a YAML alias bomb as such without expanding it', () => {
    for (const [path, field] of [
      [KEP_YAML, 'authors'],
      [PRR, 'alpha'],
    ]) {
      const findings = metadata(path, aliasBomb(field));
      const bomb = findings.filter((f) => f.rule === 'yaml-syntax' && /alias bomb/.test(f.message));
      assert.equal(bomb.length, 1, summary(findings).join('\n'));
      assert.equal(bomb[0].severity, 'error');
      assert.equal(bomb[0].range.start.line, 1, 'on the first alias');
    }
  });

  it('does not call a few aliases a bomb', () => {
    const findings = metadata(KEP_YAML, PROVISIONAL_YAML.replace('reviewers:\n  - "@bob"', 'reviewers: &r\n  - "@bob"\nx-reviewers: *r'));
    assert.ok(!findings.some((f) => /alias bomb/.test(f.message)), summary(findings).join('\n'));
  });

  it('reports every kep.yaml field written with the wrong type, field by field', () => {
    const wrong: Record<string, string[]> = {
      string: ['[a, b]', '{a: b}', '{a: [x, {b: [c]}]}', '[[[]]]'],
      array: ['alice', '42', '{a: b}', '{a: [x, {b: c}]}'],
      boolean: ['[true]', '{a: b}'],
      object: ['[v1.2]', 'text', '42', '[{a: [b]}]'],
    };
    let checked = 0;
    for (const key of knownKeys('kep')) {
      const shape = fieldInfo('kep', [key])!.shape;
      for (const value of wrong[shape]) {
        const text = `${key}: ${value}\n`;
        const findings = metadata(KEP_YAML, text);
        assert.ok(
          findings.some((f) => f.rule === 'field-type' && f.range.start.line === 0),
          `${text.trim()} (${shape} expected): ${summary(findings).join('\n')}`,
        );
        checked++;
      }
      // Nothing and null are Go's zero value: no type finding, and no crash.
      for (const empty of ['', 'null', '~']) metadata(KEP_YAML, `${key}: ${empty}\n`);
    }
    assert.ok(checked > 60, `${checked} cases`);
  });
});
