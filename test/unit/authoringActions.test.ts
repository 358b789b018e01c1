import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { range, type Range } from '../../server/src/core/text/positions';
import type { TextChange } from '../../server/src/core/rules/rule';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { authoringActions, INSERT_ALL_MISSING_TITLE, REMOVE_ALL_COMMENTS_TITLE, WRAP_UNRESOLVED_TITLE } from '../../server/src/core/features/authoringActions';
import { GOOD_KEP, README, workspace } from './support/kepFixture';

/** Applies non-overlapping changes; same-position inserts keep their array order. */
function apply(text: string, changes: TextChange[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = changes.map((c, i) => ({ c, i })).sort((a, b) => offset(b.c.range.start) - offset(a.c.range.start) || b.i - a.i);
  let out = text;
  for (const { c } of sorted) out = out.slice(0, offset(c.range.start)) + c.newText + out.slice(offset(c.range.end));
  return out;
}

function actions(text: string, selection: Range = range(0, 0, 0, 0)) {
  const analyzer = new KepAnalyzer(workspace(text));
  const index = MarkdownIndex.fromText(text);
  return { analyzer, list: authoringActions(analyzer.context(README, index), analyzer.analyze(README, index), selection) };
}

function findings(text: string, rule: string): number {
  return new KepAnalyzer(workspace(text)).analyze(README, MarkdownIndex.fromText(text)).filter((f) => f.rule === rule).length;
}

describe('authoring actions', () => {
  it('inserts every missing template section in one edit', () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('## Drawbacks\n\nNone.\n', '');
    assert.equal(findings(text, 'missing-section'), 2);
    const all = actions(text).list.find((a) => a.title === INSERT_ALL_MISSING_TITLE);
    assert.ok(all);
    assert.equal(all.kind, 'source');
    assert.equal(findings(apply(text, all.changes), 'missing-section'), 0);
  });

  it('removes every template comment, with the lines they stood on', () => {
    const comment = '<!--\nWrite a one-paragraph summary of the proposal.\n-->';
    const text = GOOD_KEP.replace('A summary.', `${comment}\nA summary.`).replace('None.', `None.\n${comment}`);
    assert.equal(findings(text, 'template-comment'), 2);
    const all = actions(text).list.find((a) => a.title === REMOVE_ALL_COMMENTS_TITLE);
    assert.ok(all);
    const cleaned = apply(text, all.changes);
    assert.equal(findings(cleaned, 'template-comment'), 0);
    assert.equal(cleaned, GOOD_KEP);
  });

  it('wraps the selected lines in an UNRESOLVED block, and offers nothing without a selection', () => {
    const lines = GOOD_KEP.split('\n');
    const at = lines.indexOf('Details.');
    assert.ok(!actions(GOOD_KEP).list.some((a) => a.title === WRAP_UNRESOLVED_TITLE));
    const wrap = actions(GOOD_KEP, range(at, 2, at, 6)).list.find((a) => a.title === WRAP_UNRESOLVED_TITLE);
    assert.ok(wrap);
    const wrapped = apply(GOOD_KEP, wrap.changes);
    assert.ok(wrapped.includes('<<[UNRESOLVED ]>>\nDetails.\n<<[/UNRESOLVED]>>'), wrapped);
    assert.equal(findings(wrapped, 'unresolved'), 0);
  });
});
