// Fixes that add, rename or re-level headings bring the table of contents along in the same edit, so
// that applying one never leaves a stale-TOC error behind.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { tocReplacement } from '../../server/src/core/markdown/toc';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { authoringActions, INSERT_ALL_MISSING_TITLE } from '../../server/src/core/features/authoringActions';
import { fixChanges, withTocUpdate } from '../../server/src/core/features/tocFollows';
import { applyChanges } from '../../server/src/core/text/applyChanges';
import { range } from '../../server/src/core/text/positions';
import type { Finding, TextChange } from '../../server/src/core/rules/rule';
import { byRule, GOOD_KEP, lint, README, workspace } from './support/kepFixture';

/** The text after the changes, as an LSP client applies one edit (rejecting overlapping ranges). */
function applied(text: string, changes: readonly TextChange[]): string {
  const sorted = [...changes].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!.range.end;
    const next = sorted[i]!.range.start;
    assert.ok(prev.line < next.line || (prev.line === next.line && prev.character <= next.character), 'the changes overlap');
  }
  return TextDocument.applyEdits(
    TextDocument.create('file:///x.md', 'markdown', 1, text),
    changes.map((c) => ({ range: c.range, newText: c.newText })),
  );
}

/** `text` with its TOC brought up to date first, so that only the fix under test can make it stale. */
function freshToc(text: string): string {
  const edit = tocReplacement(MarkdownIndex.fromText(text));
  return edit ? applied(text, [{ range: range(edit.startLine, edit.startCharacter, edit.endLine, edit.endCharacter), newText: edit.newText }]) : text;
}

function only(findings: readonly Finding[], rule: string): Finding {
  const found = byRule(findings, rule);
  assert.equal(found.length, 1, `${rule}: ${found.map((f) => f.message).join(' | ')}`);
  assert.ok(found[0]!.fix, `${rule} offers a fix`);
  return found[0]!;
}

/** Applies the rule's one fix with what fixChanges adds, and checks both that rule and the TOC are satisfied. */
function applyAndCheck(text: string, rule: string): string {
  assert.deepEqual(byRule(lint(text), 'toc'), [], 'the TOC is up to date before the fix');
  const finding = only(lint(text), rule);
  const changes = fixChanges(MarkdownIndex.fromText(text), finding.fix!);
  assert.equal(changes.length, finding.fix!.changes.length + 1, 'one more change: the TOC');
  const withoutToc = applied(text, finding.fix!.changes);
  assert.equal(byRule(lint(withoutToc), 'toc').length, 1, 'the fix alone would leave the TOC stale');
  const fixed = applied(text, changes);
  assert.deepEqual(
    lint(fixed)
      .filter((f) => f.rule === 'toc' || f.rule === rule)
      .map((f) => `${f.rule}: ${f.message}`),
    [],
    fixed,
  );
  return fixed;
}

describe('fixes that move headings update the TOC in the same edit', () => {
  it("missing-section's insert adds the section to the TOC", () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '');
    const fixed = applyAndCheck(freshToc(text), 'missing-section');
    assert.ok(fixed.includes('  - [Risks and Mitigations](#risks-and-mitigations)\n'), fixed);
  });

  it("missing-section's insert at the end of the document, with its required sub-sections", () => {
    applyAndCheck(freshToc(GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '')), 'missing-section');
    applyAndCheck(freshToc(GOOD_KEP.replace(/## Motivation[\s\S]*?(?=## Proposal)/, '')), 'missing-section');
  });

  it("heading-wording's rename renames the TOC entry", () => {
    const fixed = applyAndCheck(freshToc(GOOD_KEP.replace('## Drawbacks', '## Drawbacks [optional]')), 'heading-wording');
    assert.ok(fixed.includes('- [Drawbacks](#drawbacks)\n<!-- /toc -->'), fixed);
  });

  it("heading-level's change of level re-indents the TOC entry", () => {
    const fixed = applyAndCheck(freshToc(GOOD_KEP.replace('### Goals', '## Goals')), 'heading-level');
    assert.ok(fixed.includes('\n  - [Goals](#goals)\n'), fixed);
  });

  it('also repairs a TOC that was stale before the fix: the result is the TOC of the fixed document', () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('## Summary', '## Summary of it');
    assert.equal(byRule(lint(text), 'toc').length, 1);
    const finding = byRule(lint(text), 'missing-section')[0]!;
    const fixed = applied(text, fixChanges(MarkdownIndex.fromText(text), finding.fix!));
    assert.deepEqual(byRule(lint(fixed), 'toc'), []);
  });

  it('"Insert all missing template sections" updates the TOC once, after all its inserts', () => {
    const text = freshToc(GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('## Drawbacks\n\nNone.\n', ''));
    const index = MarkdownIndex.fromText(text);
    const analyzer = new KepAnalyzer(workspace(text));
    const all = authoringActions(analyzer.context(README, index), analyzer.analyze(README, index), range(0, 0, 0, 0)).find(
      (a) => a.title === INSERT_ALL_MISSING_TITLE,
    )!;
    assert.equal(all.updatesToc, true);
    const changes = withTocUpdate(index, all.changes);
    assert.equal(changes.length, all.changes.length + 1);
    const fixed = applied(text, changes);
    assert.deepEqual(
      lint(fixed)
        .filter((f) => f.rule === 'toc' || f.rule === 'missing-section')
        .map((f) => f.message),
      [],
    );
  });

  it('adds nothing to a document without TOC tags', () => {
    const text = GOOD_KEP.replace(/<!-- toc -->[\s\S]*<!-- \/toc -->\n\n/, '').replace('### Risks and Mitigations\n\nRisks.\n\n', '');
    const finding = byRule(lint(text), 'missing-section')[0]!;
    assert.deepEqual(fixChanges(MarkdownIndex.fromText(text), finding.fix!), finding.fix!.changes);
    const renamed = GOOD_KEP.replace(/<!-- toc -->[\s\S]*<!-- \/toc -->\n\n/, '').replace('## Drawbacks', '## Drawbacks [optional]');
    const rename = byRule(lint(renamed), 'heading-wording')[0]!;
    assert.deepEqual(fixChanges(MarkdownIndex.fromText(renamed), rename.fix!), rename.fix!.changes);
  });

  it('adds nothing when the TOC stays right (a heading too deep for it)', () => {
    const text = GOOD_KEP + '\n###### Deep\n';
    const index = MarkdownIndex.fromText(text);
    const line = index.lineCount - 2;
    assert.equal(index.line(line), '###### Deep');
    const rename: TextChange = { range: range(line, 7, line, 11), newText: 'Deeper' };
    assert.deepEqual(withTocUpdate(index, [rename]), [rename]);
  });

  it('leaves the TOC alone when a change touches the TOC block itself', () => {
    const index = MarkdownIndex.fromText(GOOD_KEP);
    const open = index.lines().indexOf('<!-- toc -->');
    const inside: TextChange = { range: range(open + 1, 0, open + 1, 0), newText: '- [New](#new)\n' };
    const heading: TextChange = { range: range(index.lineCount - 1, 0, index.lineCount - 1, 0), newText: '## New\n' };
    assert.deepEqual(withTocUpdate(index, [heading, inside]), [heading, inside]);
    const tag: TextChange = { range: range(open, 5, open, 8), newText: 'TOC' };
    assert.deepEqual(withTocUpdate(index, [heading, tag]), [heading, tag]);
    assert.equal(withTocUpdate(index, [heading]).length, 2, 'without the change in the block the TOC follows');
  });

  it('leaves the TOC alone when the inserted text holds a tag that mdtoc would take instead', () => {
    const index = MarkdownIndex.fromText(GOOD_KEP);
    const insert: TextChange = { range: range(1, 0, 1, 0), newText: '<!-- toc -->\n## Early\n' };
    assert.deepEqual(withTocUpdate(index, [insert]), [insert]);
  });

  it('follows changes before the TOC on its own lines, and keeps the ranges of the document before them', () => {
    const text = GOOD_KEP.replace('<!-- toc -->', 'Intro. <!-- toc -->');
    const index = MarkdownIndex.fromText(text);
    const last = index.lineCount - 1;
    const changes: TextChange[] = [
      { range: range(0, 0, 0, 0), newText: 'A line\nAnother\n' },
      { range: range(2, 0, 2, 6), newText: 'Longer intro' },
      { range: range(last, 0, last, 0), newText: '## Appendix\n' },
    ];
    const all = withTocUpdate(index, changes);
    assert.equal(all.length, 4);
    const fixed = applied(text, all);
    assert.ok(fixed.includes('Longer intro <!-- toc -->\n'), fixed);
    assert.ok(fixed.includes('- [Appendix](#appendix)\n<!-- /toc -->'), fixed);
    assert.deepEqual(byRule(lint(fixed), 'toc'), []);
  });

  it('writes the TOC between the tags with LF in a CRLF document, as mdtoc does', () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace(/\n/g, '\r\n');
    const fresh = freshToc(text);
    assert.deepEqual(byRule(lint(fresh), 'toc'), []);
    const finding = byRule(lint(fresh), 'missing-section')[0]!;
    assert.equal(finding.fix!.changes[0]!.newText, '### Risks and Mitigations\r\n\r\n');
    const fixed = applied(fresh, fixChanges(MarkdownIndex.fromText(fresh), finding.fix!));
    assert.ok(fixed.includes('<!-- toc -->\n- [Summary](#summary)\n'), JSON.stringify(fixed.slice(0, 200)));
    assert.deepEqual(byRule(lint(fixed), 'toc'), []);
  });

  it('costs the analysis nothing: findings carry the flag, not the TOC edit', () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '');
    const finding = byRule(lint(text), 'missing-section')[0]!;
    assert.equal(finding.fix!.updatesToc, true);
    assert.equal(finding.fix!.changes.length, 1);
  });
});

describe('applyChanges', () => {
  it('applies edits in document coordinates, same-place inserts in array order, with any line breaks', () => {
    const text = 'ab\r\ncd\ref\ngh';
    assert.equal(
      applyChanges(text, [
        { range: range(2, 1, 3, 1), newText: 'X' },
        { range: range(0, 1, 0, 1), newText: '1' },
        { range: range(0, 1, 0, 1), newText: '2' },
        { range: range(1, 9, 1, 9), newText: '!' },
      ]),
      'a12b\r\ncd!\reXh',
    );
  });
});
