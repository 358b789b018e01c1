// What the KEP's stage requires of the production readiness questionnaire (kep-facts §2): at alpha
// the Feature Enablement and Rollback questions (Scalability encouraged: a hint), at beta and
// stable every PRR section. A required question "has no answer" when its body holds only
// whitespace, comments, the template's scaffold or a bare "TBD"; it is reported on its heading,
// naming the stage. Required questions missing entirely are reported once per PRR section, on the
// section's heading (or, when the section is missing too, on the questionnaire's heading).
//
// A PRR section written without question headings but with text (the older template asked the
// questions as bold bullets) is taken as answered as a whole.
//
// This rule replaces empty-section for PRR questions (empty-section skips the questionnaire), so a
// heading never gets both findings. No findings when no stage requirement applies: no kep.yaml, no
// stage, a KEP that predates the questionnaire (latest-milestone "0.0" or before v1.21), or a
// template without a questionnaire.
import { lineRange } from '../text/positions';
import type { Section } from '../markdown/sections';
import type { TemplateSection } from '../kep/template';
import { headingLabel } from '../kep/kepContext';
import { insertionLine } from './missingSection';
import { answerOf, writtenInline } from '../kep/prrAnswers';
import type { Rule, RuleFinding, Severity } from './rule';
import { questionApplies, requirementLead, sectionRequirement, type Requirement } from '../kep/stageRequirements';

function quotedList(sections: readonly TemplateSection[]): string {
  return sections.map((s) => `'${s.title}'`).join(', ');
}

function severityOf(requirement: Requirement): Severity | undefined {
  return requirement === 'encouraged' ? 'hint' : undefined;
}

export const stagePrrAnswer: Rule = {
  id: 'stage-prr-answer',
  defaultSeverity: 'warning',
  description: "A production readiness question that the KEP's stage (kep.yaml) requires is missing or has no answer.",
  quietWhenFinished: true,
  check(ctx) {
    const stage = ctx.stage();
    if (!stage) return [];
    const prr = ctx.prr();
    if (!prr.questionnaire) return [];
    const findings: RuleFinding[] = [];
    const absent: { template: TemplateSection; requirement: Requirement; questions: number }[] = [];
    const headingRange = (line: number) => lineRange(line, ctx.index.line(line));
    const inlineText = new Map<Section, string>();
    for (const s of prr.sections) {
      const requirement = sectionRequirement(s.template.key, stage.stage);
      if (!requirement) continue;
      const lead = requirementLead(requirement, stage.stage);
      const severity = severityOf(requirement);
      const questions = s.questions.filter((q) => questionApplies(q.template.key, stage.latestMilestone));
      // A section answered as a whole, without question headings (the older template's bullets,
      // or a note such as "Not required."), cannot be checked question by question.
      if (s.section && ctx.facts(s.section).hasContent && !questions.some((q) => q.section)) continue;
      const missing: TemplateSection[] = [];
      for (const q of questions) {
        if (q.section) {
          const answer = answerOf(ctx, q.section);
          if (answer.state === 'answered') continue;
          const tbd = answer.state === 'tbd' ? ` (only '${answer.text}')` : '';
          findings.push({ range: headingRange(q.section.heading.line), severity, message: `${lead}: '${q.template.title}' has no answer${tbd}.` });
          continue;
        }
        const scope = s.section ?? prr.questionnaireSection;
        if (scope && writtenInline(ctx, q.template, scope, inlineText)) continue;
        missing.push(q.template);
      }
      if (!missing.length) continue;
      if (s.section) {
        const what = missing.length === 1 ? `the question ${quotedList(missing)}` : `${missing.length} questions: ${quotedList(missing)}`;
        findings.push({ range: headingRange(s.section.heading.line), severity, message: `${lead}: '${headingLabel(s.template)}' lacks ${what}.` });
      } else if (missing.length === questions.length) {
        absent.push({ template: s.template, requirement, questions: questions.length });
      } else if (prr.questionnaireSection) {
        findings.push({
          range: headingRange(prr.questionnaireSection.heading.line),
          severity,
          message: `${lead}: ${quotedList(missing)} (${headingLabel(s.template)}) ${missing.length === 1 ? 'is' : 'are'} missing.`,
        });
      }
    }
    if (!absent.length) return findings;
    const questionnaire = prr.questionnaireSection;
    if (questionnaire) {
      // A questionnaire answered as a whole ("N/A", a link to another KEP's answers).
      const anyHeading = prr.sections.some((s) => s.section || s.questions.some((q) => q.section));
      if (!anyHeading && ctx.facts(questionnaire).hasContent) return findings;
      for (const requirement of ['required', 'encouraged'] as const) {
        const group = absent.filter((a) => a.requirement === requirement);
        if (!group.length) continue;
        const names = group.map((a) => `'${headingLabel(a.template)}' (${a.questions} question${a.questions === 1 ? '' : 's'})`).join(', ');
        findings.push({
          range: headingRange(questionnaire.heading.line),
          severity: severityOf(requirement),
          message: `${requirementLead(requirement, stage.stage)}: ${names} ${group.length === 1 ? 'is' : 'are'} missing.`,
        });
      }
      return findings;
    }
    // No questionnaire at all: one finding where it belongs.
    const required = absent.filter((a) => a.requirement === 'required');
    const requirement: Requirement = required.length ? 'required' : 'encouraged';
    const line = Math.min(insertionLine(ctx, prr.questionnaire), Math.max(0, ctx.index.lineCount - 1));
    const sections = (required.length ? required : absent).map((a) => a.template.title).join(', ');
    findings.push({
      range: headingRange(line),
      severity: severityOf(requirement),
      message: `${requirementLead(requirement, stage.stage)}: '${headingLabel(prr.questionnaire)}' is missing; this stage needs its sections ${sections}.`,
    });
    return findings;
  },
};
