// The table of contents between <!-- toc --> and <!-- /toc -->, which the repository's CI
// (verify-toc, mdtoc --max-depth=5) requires in every KEP and rejects when out of date.
import { lineRange, range } from '../text/positions';
import { findTocTags, generateToc, isTocStaleOnlyByLineEnds, isTocUpToDate, tocReplacement } from '../markdown/toc';
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
      // LF between the tags whatever the document uses: mdtoc compares those bytes (see tocReplacement).
      const block = `<!-- toc -->\n${body ? body + '\n' : ''}<!-- /toc -->`;
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
    const open = tags.open!;
    const close = tags.close!;
    if (isTocStaleOnlyByLineEnds(index)) {
      // No fix: editors keep one line ending per file and would turn an LF rewrite back into CRLF.
      return [
        {
          range: lineRange(open.line, index.line(open.line)),
          message: `The table of contents matches the headings, but its lines end in ${lineBreakName(index, open.line, close.line)}: the repository's verify-toc check compares bytes and accepts only LF line breaks between the toc tags. Save this file with LF line endings.`,
        },
      ];
    }
    const edit = tocReplacement(index);
    const findings: RuleFinding[] = [];
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

/** How the lines of the TOC block break, where not with LF. */
function lineBreakName(index: { terminator(n: number): string }, openLine: number, closeLine: number): string {
  for (let n = openLine; n < closeLine; n++) if (index.terminator(n) === '\r\n') return 'CRLF';
  return 'CR';
}

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
