// Template sections out of the template's order. The largest set of sections that is already in
// order stays put; every other one is reported, naming the section it should follow.
import { lineRange } from '../text/positions';
import { headingLabel, type KepContext } from '../kep/kepContext';
import { lastResult, resultStore } from './memo';
import type { Rule, RuleFinding } from './rule';

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
  description: "A template section comes out of the template's order.",
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
    findings.push({
      range: lineRange(section.heading.line, index.line(section.heading.line)),
      message: `'${headingLabel(t)}' is out of template order: ${where}.`,
    });
  });
  return findings;
}
