// What an analysis after an edit keeps from the one before, by identity: the list of body facts,
// each rule's findings, the findings list and its diagnostics. The language server publishes on
// every keystroke, and on a long KEP rebuilding these (and their JSON) was most of the cost of an
// edit that changes nothing. Equality with a fresh analysis is the fuzz tests' job; these check
// that the reuse happens, and that a change to any input of a kept result is seen.
import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { toDiagnostics } from '../../server/src/lsp/convert';
import { KepAnalyzer, type AnalysisSettings } from '../../server/src/core/features/analysis';
import { sameRuleFinding, stabilized } from '../../server/src/core/features/stableFindings';
import type { RuleFinding } from '../../server/src/core/rules/rule';
import { byRule, GOOD_KEP, KEP_YAML, PROVISIONAL_YAML, README, TEMPLATE, TEMPLATE_TEXT, workspace } from './support/kepFixture';

/**
 * GOOD_KEP with a leftover guidance comment, a settled UNRESOLVED block, one never closed, and an
 * empty labelled bullet.
 */
const KEP = GOOD_KEP.replace('A summary.', 'A summary.\n\n<!--\nWrite a one-paragraph summary of the proposal.\n-->')
  .replace('The proposal.', 'The proposal.\n\n<<[UNRESOLVED naming]>>\nWhich name?\n<<[/UNRESOLVED]>>\n\n- Feature gate name:\n')
  .replace('Details.', 'Details.\n\n<<[UNRESOLVED later]>>\nOpen question.\n');

function insertAt(index: MarkdownIndex, line: number, character: number, text: string): void {
  index.applyEdit({ startLine: line, startCharacter: character, endLine: line, endCharacter: character, text });
}

function setup(readme = KEP) {
  const files = workspace(readme);
  const analyzer = new KepAnalyzer(files);
  const index = MarkdownIndex.fromText(readme);
  const analyze = (settings?: AnalysisSettings) => analyzer.analyze(README, index, settings);
  return { files, analyzer, index, analyze };
}

describe('incremental reuse between analyses', () => {
  it('typing in prose returns the very same findings list and diagnostics list', () => {
    const { index, analyze, analyzer } = setup();
    const before = analyze();
    assert.ok(before.length >= 3, 'the KEP has findings to keep');
    const diagnostics = toDiagnostics(before);
    const facts = analyzer.context(README, index).allFacts();
    insertAt(index, index.lines().indexOf('Why.'), 2, 'x');
    const after = analyze();
    assert.equal(after, before);
    assert.equal(toDiagnostics(after), diagnostics);
    assert.equal(analyzer.context(README, index).allFacts(), facts, 'the same list of body facts');
  });

  it('an edit that moves one finding keeps every other finding object', () => {
    const { index, analyze } = setup();
    const before = analyze();
    const marker = index.lines().indexOf('<<[UNRESOLVED later]>>');
    insertAt(index, marker, 0, ' ');
    const after = analyze();
    const moved = byRule(after, 'unresolved');
    assert.equal(moved.length, 1);
    assert.equal(moved[0]!.range.start.character, 1, 'the marker finding follows the marker');
    const others = after.filter((f) => f.rule !== 'unresolved');
    assert.ok(others.length >= 2);
    for (const f of others) assert.ok(before.includes(f), `${f.rule} at line ${f.range.start.line} is the same object`);
  });

  it('sees a kep.yaml change between analyses of the same text (status decides the UNRESOLVED finding)', () => {
    const { files, analyze } = setup();
    const messages = () => byRule(analyze(), 'unresolved').map((f) => f.message);
    assert.equal(messages().length, 1, 'a settled block in a provisional KEP is fine; the open one is not');
    files.set(KEP_YAML, PROVISIONAL_YAML.replace('status: provisional', 'status: implementable'));
    assert.equal(messages().length, 2);
    assert.ok(messages().some((m) => /'implementable' in kep\.yaml but still has an UNRESOLVED block/.test(m)));
    files.set(KEP_YAML, PROVISIONAL_YAML);
    assert.equal(messages().length, 1);
  });

  it('sees a template change between analyses of the same text (guidance comments come from it)', () => {
    const { files, analyze } = setup();
    assert.equal(byRule(analyze(), 'template-comment').length, 1);
    files.set(TEMPLATE, TEMPLATE_TEXT.replace('Write a one-paragraph summary of the proposal.', 'Summarise the proposal.'));
    assert.deepEqual(byRule(analyze(), 'template-comment'), []);
  });

  it('sees a settings change between analyses of the same text', () => {
    const { analyze } = setup();
    assert.equal(byRule(analyze(), 'template-comment')[0]?.severity, 'hint');
    const settings: AnalysisSettings = { rules: { 'template-comment': 'warning' } };
    assert.equal(byRule(analyze(settings), 'template-comment')[0]?.severity, 'warning');
    assert.deepEqual(byRule(analyze({ rules: { 'template-comment': 'off' } }), 'template-comment'), []);
    assert.equal(byRule(analyze(), 'template-comment')[0]?.severity, 'hint');
  });

  it('a finding that goes away and comes back is found again', () => {
    const { index, analyze } = setup();
    const line = index.lines().indexOf('- Feature gate name:');
    assert.equal(byRule(analyze(), 'placeholder').length, 1);
    insertAt(index, line, '- Feature gate name:'.length, ' MyGate');
    assert.deepEqual(byRule(analyze(), 'placeholder'), []);
    index.applyEdit({ startLine: line, startCharacter: '- Feature gate name:'.length, endLine: line, endCharacter: index.line(line).length, text: '' });
    assert.equal(byRule(analyze(), 'placeholder').length, 1);
  });
});

describe('stabilized findings', () => {
  const at = (line: number, message = 'm'): RuleFinding => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, message });

  it('treats findings with the same place, message, severity and fix as the same', () => {
    assert.ok(sameRuleFinding(at(1), at(1)));
    assert.ok(!sameRuleFinding(at(1), at(2)));
    assert.ok(!sameRuleFinding(at(1), at(1, 'other')));
    assert.ok(!sameRuleFinding(at(1), { ...at(1), severity: 'hint' }));
    const fix = (newText: string) => ({ title: 't', changes: [{ range: at(1).range, newText }] });
    assert.ok(sameRuleFinding({ ...at(1), fix: fix('a') }, { ...at(1), fix: fix('a') }));
    assert.ok(!sameRuleFinding({ ...at(1), fix: fix('a') }, { ...at(1), fix: fix('b') }));
    assert.ok(!sameRuleFinding({ ...at(1), fix: fix('a') }, at(1)));
  });

  it('returns the last list when every finding is equal, else reuses the equal ones', () => {
    const last = [at(1), at(2), at(3)];
    assert.equal(stabilized(last, [at(1), at(2), at(3)]), last);
    const inserted = stabilized(last, [at(0), at(1), at(2), at(3)]);
    assert.deepEqual(inserted, [at(0), at(1), at(2), at(3)]);
    assert.equal(inserted[1], last[0]);
    assert.equal(inserted[2], last[1]);
    const changed = stabilized(last, [at(1), at(2, 'new'), at(3)]);
    assert.equal(changed[0], last[0]);
    assert.notEqual(changed[1], last[1]);
    assert.equal(changed[2], last[2]);
  });
});
