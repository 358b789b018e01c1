// A template section that is present but says nothing: no sub-sections and a body of only blank
// lines and HTML comments (usually the template's guidance, still waiting for an answer). How loud
// it is follows the section's weight (kep/sectionWeight.ts): a warning where an approval waits on
// the section, information where none does, a hint for an optional one.
// The production readiness questionnaire's sections and questions are left to stage-prr-answer,
// which knows which of them the KEP's stage requires: one heading never gets both findings, and a
// KEP not yet targeted at a stage is not told to answer questions it does not need yet.
import { lineRange } from '../text/positions';
import { headingLabel, type KepContext } from '../kep/kepContext';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding, Severity } from './rule';
import { sectionWeight, type SectionWeight } from '../kep/sectionWeight';

const SEVERITY_BY_WEIGHT: Record<SectionWeight, Severity> = { approval: 'warning', supporting: 'info', optional: 'hint' };
const ADVICE_BY_WEIGHT: Record<SectionWeight, string> = {
  approval: ' Write the answer below the heading.',
  supporting: ' No approval waits on it, but reviewers read it: write a line, or say there is nothing to add.',
  optional: ' It is optional: answer it or remove the heading.',
};

export const emptySection: Rule = {
  id: 'empty-section',
  defaultSeverity: 'warning',
  description:
    'A template section is present but holds only whitespace and HTML comments: a warning where an approval waits on it, information for Drawbacks, Alternatives and Prerequisite testing updates, a hint for an optional section.',
  quietWhenFinished: true,
  check(ctx) {
    return lastResult(results, ctx.index, [ctx.tree, ctx.match, ctx.allFacts()], () => emptySections(ctx));
  },
};

const results = resultStore<RuleFinding[]>();

function emptySections(ctx: KepContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const prr = ctx.prr();
  for (const section of ctx.tree.sections) {
    if (ctx.match.templateOf[section.index] < 0 || section.children.length) continue;
    const templateIndex = ctx.match.templateOf[section.index];
    if (prr.inside.has(templateIndex) || templateIndex === prr.questionnaire?.index) continue;
    if (ctx.facts(section).hasContent) continue;
    const t = ctx.template.sections[ctx.match.templateOf[section.index]];
    const weight = sectionWeight(t);
    findings.push({
      range: lineRange(section.heading.line, ctx.index.line(section.heading.line)),
      message: `'${headingLabel(t)}' is empty: it holds only whitespace and comments.${ADVICE_BY_WEIGHT[weight]}`,
      severity: SEVERITY_BY_WEIGHT[weight],
    });
  }
  return findings;
}
