// What the KEP's stage requires of the production readiness questionnaire (kep-facts §2): at alpha
// the Feature Enablement and Rollback questions (Scalability encouraged: a hint), at beta and
// stable every PRR section. A required question "has no answer" when its body holds only
// whitespace, comments, the template's scaffold or a bare "TBD"; it is reported on its heading,
// naming the stage.
//
// A question whose heading is missing is missing-section's finding (weighed by the same stage
// requirements), so that one missing question is one finding. A PRR section written without
// question headings but with text (the older template asked the questions as bold bullets) is taken
// as answered as a whole.
//
// This rule replaces empty-section for PRR questions (empty-section skips the questionnaire), so a
// heading never gets both findings. No findings when no stage requirement applies: no kep.yaml, no
// stage, a KEP that predates the questionnaire (latest-milestone "0.0" or before v1.21), or a
// template without a questionnaire.
import { lineRange } from '../text/positions';
import { answerOf } from '../kep/prrAnswers';
import type { Rule, RuleFinding, Severity } from './rule';
import { questionApplies, requirementLead, sectionRequirement, type Requirement } from '../kep/stageRequirements';

function severityOf(requirement: Requirement): Severity | undefined {
  return requirement === 'encouraged' ? 'hint' : undefined;
}

export const stagePrrAnswer: Rule = {
  id: 'stage-prr-answer',
  defaultSeverity: 'warning',
  description: "A production readiness question that the KEP's stage (kep.yaml) requires has no answer.",
  quietWhenFinished: true,
  check(ctx) {
    const stage = ctx.stage();
    if (!stage) return [];
    const prr = ctx.prr();
    if (!prr.questionnaire) return [];
    const findings: RuleFinding[] = [];
    for (const s of prr.sections) {
      const requirement = sectionRequirement(s.template.key, stage.stage);
      if (!requirement) continue;
      const lead = requirementLead(requirement, stage.stage);
      const severity = severityOf(requirement);
      for (const q of s.questions) {
        if (!q.section || !questionApplies(q.template.key, stage.latestMilestone)) continue;
        const answer = answerOf(ctx, q.section);
        if (answer.state === 'answered') continue;
        const tbd = answer.state === 'tbd' ? ` (only '${answer.text}')` : '';
        findings.push({
          range: lineRange(q.section.heading.line, ctx.index.line(q.section.heading.line)),
          severity,
          message: `${lead}: '${q.template.title}' has no answer${tbd}.`,
        });
      }
    }
    return findings;
  },
};
