// A template section written twice at the same level.
import type { ScannedHeading } from '../markdown/headingScanner';
import { lineRange } from '../text/positions';
import type { Section } from '../markdown/sections';
import type { KepContext } from '../kep/kepContext';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding } from './rule';

/**
 * The finding per repeated heading, while that heading and the first one are the same objects: the
 * index replaces a heading object whenever its lines are rescanned or move, so an unchanged pair
 * means an unchanged finding, and an edit elsewhere in a long KEP does not rebuild every message.
 */
const byHeading = new WeakMap<ScannedHeading, { first: ScannedHeading; finding: RuleFinding }>();

function repeatFinding(section: Section, first: Section, line: (n: number) => string): RuleFinding {
  const cached = byHeading.get(section.heading);
  if (cached && cached.first === first.heading) return cached.finding;
  const finding = {
    range: lineRange(section.heading.line, line(section.heading.line)),
    message: `'${section.title}' appears again; the template has it once (first at line ${first.heading.line + 1}). Merge the two or rename this one.`,
  };
  byHeading.set(section.heading, { first: first.heading, finding });
  return finding;
}

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  defaultSeverity: 'warning',
  description: 'A template section appears more than once.',
  quietWhenFinished: true,
  check(ctx) {
    // Heading lines belong to headings: the same tree and match mean the same lines and repeats.
    return lastResult(results, ctx.index, [ctx.tree, ctx.match], () => repeats(ctx));
  },
};

const results = resultStore<RuleFinding[]>();

function repeats(ctx: KepContext): RuleFinding[] {
  const { sections } = ctx.tree;
  const line = (n: number) => ctx.index.line(n);
  // A second title starts a second KEP pasted into this README: the author acts on it as a whole
  // (move it to its own folder, or merge it), so its repeated sections are one finding on that
  // title rather than one on each heading.
  const titles = sections.filter((s) => s.level === 1).slice(1);
  const findings: RuleFinding[] = [];
  const grouped = new Map<Section, { count: number; first: Section }>();
  for (const { section, primary } of ctx.match.duplicates) {
    const s = sections[section];
    const title = lastBefore(titles, s.heading.line);
    if (!title) {
      findings.push(repeatFinding(s, sections[primary], line));
      continue;
    }
    const group = grouped.get(title);
    if (group) group.count++;
    else grouped.set(title, { count: 1, first: s });
  }
  for (const [title, { count, first }] of grouped) {
    findings.push({
      range: lineRange(title.heading.line, line(title.heading.line)),
      message:
        `A second KEP title ('${title.title}') at line ${title.heading.line + 1}: ${count} template section${count === 1 ? '' : 's'} after it ` +
        `(the first, '${first.title}', at line ${first.heading.line + 1}) repeat${count === 1 ? 's' : ''} ones above. A README holds one KEP: ` +
        'move the second one to its own KEP folder, or merge its text into the sections above.',
    });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The last of `titles` (in line order) above `line`, or undefined. */
function lastBefore(titles: readonly Section[], line: number): Section | undefined {
  let found: Section | undefined;
  for (const t of titles) {
    if (t.heading.line < line) found = t;
    else break;
  }
  return found;
}
