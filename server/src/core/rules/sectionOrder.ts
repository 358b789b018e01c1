// Template sections out of the template's order. The largest set of sections that is already in
// order stays put; every other one is reported, naming the section it should follow. A section
// that only trades places with its siblings inside the right parent (two PRR questions, e2e before
// integration tests) is information: the document reads the same to a reviewer, and so is a
// section no approval waits on (kep/sectionWeight.ts: Drawbacks and Alternatives trading places at
// the end). Any other section out of place, top-level or outside the section the template puts it
// in, stays a warning.
import { lineRange } from '../text/positions';
import { headingLabel, type KepContext } from '../kep/kepContext';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding } from './rule';
import type { Section } from '../markdown/sections';
import { sectionWeight } from '../kep/sectionWeight';

/** Positions (in `values`) of a longest strictly increasing subsequence. */
export function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) keep.add(i);
  return keep;
}

export const sectionOrder: Rule = {
  id: 'section-order',
  defaultSeverity: 'warning',
  description: "A template section comes out of the template's order (information when it only trades places with its siblings inside the right parent).",
  quietWhenFinished: true,
  check(ctx) {
    return lastResult(results, ctx.index, [ctx.tree, ctx.match], () => outOfOrder(ctx));
  },
};

const results = resultStore<RuleFinding[]>();

function outOfOrder(ctx: KepContext): RuleFinding[] {
  const { tree, match, template, index } = ctx;
  const present = tree.sections.filter((s) => match.templateOf[s.index] >= 0);
  const order = present.map((s) => match.templateOf[s.index]);
  const keep = longestIncreasing(order);
  const findings: RuleFinding[] = [];
  present.forEach((section, i) => {
    if (keep.has(i)) return;
    const t = template.sections[order[i]];
    // The closest earlier template section that is in place says where this one belongs.
    let anchor: string | undefined;
    for (let k = t.index - 1; k >= 0; k--) {
      const s = match.primary[k];
      if (s >= 0 && keep.has(present.findIndex((p) => p.index === s))) {
        anchor = headingLabel(template.sections[k]);
        break;
      }
    }
    const where = anchor ? `it belongs after '${anchor}'` : 'it belongs before the other template sections';
    const amongSiblings = t.parent >= 0 && isWithin(ctx, section, match.primary[t.parent]);
    const minor = amongSiblings || sectionWeight(t) !== 'approval';
    findings.push({
      range: lineRange(section.heading.line, index.line(section.heading.line)),
      message: `'${headingLabel(t)}' is out of template order: ${where}.`,
      ...(minor ? { severity: 'info' as const } : {}),
    });
  });
  return findings;
}

/** Whether `section` lies inside the document section `ancestor` (at any depth). */
function isWithin(ctx: KepContext, section: Section, ancestor: number): boolean {
  if (ancestor < 0) return false;
  for (let p = section.parent; p >= 0; p = ctx.tree.sections[p].parent) if (p === ancestor) return true;
  return false;
}
