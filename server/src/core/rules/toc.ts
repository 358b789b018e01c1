// The table of contents between <!-- toc --> and <!-- /toc -->, which the repository's CI
// (verify-toc, mdtoc --max-depth=5) requires in every KEP and rejects when out of date.
import { lineRange, range } from '../text/positions';
import { findTocTags, generateToc, isTocUpToDate, tocReplacement } from '../markdown/toc';
import type { Fix, Rule, RuleFinding } from './rule';

export const UPDATE_TOC_TITLE = 'Update table of contents';

export const toc: Rule = {
  id: 'toc',
  defaultSeverity: 'error',
  description: 'The table-of-contents tags are missing or the table of contents is out of date.',
  quietWhenFinished: false,
  check(ctx) {
    const { index } = ctx;
    const tags = findTocTags(index);
    const h1 = ctx.tree.sections.find((s) => s.level === 1);
    const anchorLine = h1 ? h1.heading.endLine : 0;
    if (tags.error === 'missing-open' && !tags.close) {
      // Both tags are missing: offer the whole block after the title.
      const eol = index.eol;
      const body = generateToc(index);
      const at = h1
        ? range(h1.heading.endLine, index.line(h1.heading.endLine).length, h1.heading.endLine, index.line(h1.heading.endLine).length)
        : range(0, 0, 0, 0);
      const block = `<!-- toc -->${eol}${body ? body + eol : ''}<!-- /toc -->`;
      const fix: Fix = { title: 'Insert table of contents', changes: [{ range: at, newText: h1 ? `${eol}${eol}${block}` : `${block}${eol}${eol}` }] };
      return [
        {
          range: lineRange(anchorLine, index.line(anchorLine)),
          message: "No table of contents: add '<!-- toc -->' and '<!-- /toc -->' after the title; the repository's verify-toc check fails without them.",
          fix,
        },
      ];
    }
    if (tags.error) {
      const message =
        tags.error === 'missing-open'
          ? "Missing the opening '<!-- toc -->' tag before '<!-- /toc -->'."
          : tags.error === 'missing-close'
            ? "Missing the closing '<!-- /toc -->' tag after '<!-- toc -->'."
            : "'<!-- /toc -->' comes before '<!-- toc -->': swap them.";
      const at = tags.open ?? tags.close;
      const line = at ? at.line : anchorLine;
      return [{ range: lineRange(line, index.line(line)), message }];
    }
    if (isTocUpToDate(index)) return [];
    const edit = tocReplacement(index);
    const findings: RuleFinding[] = [];
    const open = tags.open!;
    const close = tags.close!;
    const difference = firstDifference(generateToc(index), index, open.line, close.line);
    const at = difference?.line ?? open.line;
    findings.push({
      range: lineRange(at, index.line(at)),
      message: `The table of contents does not match the headings${difference ? `: ${difference.what}` : ''}. Update it (the repository's verify-toc check fails on a stale one).`,
      fix: edit
        ? {
            title: UPDATE_TOC_TITLE,
            changes: [{ range: range(edit.startLine, edit.startCharacter, edit.endLine, edit.endCharacter), newText: edit.newText }],
          }
        : undefined,
    });
    return findings;
  },
};

/** An entry as a message quotes it: trimmed, and cut short when long. */
function quoted(entry: string): string {
  const text = entry.trim();
  return `'${text.length > 80 ? `${text.slice(0, 79)}…` : text}'`;
}

/**
 * The first entry where the TOC between the tags (lines after `openLine`, before `closeLine`)
 * differs from the expected one, with the line to mark: the differing entry, or the closing tag
 * when entries are missing at the end. Undefined when only spacing or line endings differ.
 */
function firstDifference(
  expected: string,
  index: { line(n: number): string },
  openLine: number,
  closeLine: number,
): { line: number; what: string } | undefined {
  const want = expected.split(/\r?\n/).filter((l) => l.trim() !== '');
  const have: { line: number; text: string }[] = [];
  for (let n = openLine + 1; n < closeLine; n++) if (index.line(n).trim() !== '') have.push({ line: n, text: index.line(n) });
  for (let k = 0; k < Math.max(want.length, have.length); k++) {
    const w = want[k];
    const h = have[k];
    if (w !== undefined && h !== undefined && w.trim() === h.text.trim()) continue;
    if (w === undefined) return { line: h!.line, what: `${quoted(h!.text)} is listed, but no heading gives it` };
    if (h === undefined) return { line: closeLine, what: `${quoted(w)} is missing from the end` };
    // One entry too many or too few shows as the rest shifted by one.
    if (have[k + 1]?.text.trim() === w.trim()) return { line: h.line, what: `${quoted(h.text)} is listed, but no heading gives it` };
    if (want[k + 1]?.trim() === h.text.trim()) return { line: h.line, what: `${quoted(w)} is missing before ${quoted(h.text)}` };
    return { line: h.line, what: `expected ${quoted(w)} here, found ${quoted(h.text)}` };
  }
  return undefined;
}
