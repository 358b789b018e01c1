// What the KEP's stage asks of each part of the production readiness questionnaire (kep-facts §2),
// by template section: the questionnaire, its sections and their questions. One table for the rules
// that weigh a missing or unanswered question (missing-section) and for the sections view.
import type { KepContext } from './kepContext';
import { questionApplies, sectionRequirement, type Requirement } from './stageRequirements';
import type { TemplateSection } from './template';

export interface PrrRequirement {
  /** 'none' where the stage does not ask it yet (or the question is newer than latest-milestone). */
  requirement: Requirement | 'none';
  /** The PRR section it is or belongs to (undefined for the questionnaire itself). */
  section: TemplateSection | undefined;
}

/** Per template index, or undefined when no stage requirement applies (kep-facts §2) or the template has no questionnaire. */
export function prrRequirements(ctx: KepContext): ReadonlyMap<number, PrrRequirement> | undefined {
  const stage = ctx.stage();
  const prr = ctx.prr();
  if (!stage || !prr.questionnaire) return undefined;
  const requirements = new Map<number, PrrRequirement>();
  let strongest: Requirement | 'none' = 'none';
  for (const s of prr.sections) {
    const requirement = sectionRequirement(s.template.key, stage.stage) ?? 'none';
    if (requirement === 'required' || (requirement === 'encouraged' && strongest === 'none')) strongest = requirement;
    const visit = (t: TemplateSection): void => {
      const applies = t.children.length > 0 || questionApplies(t.key, stage.latestMilestone);
      requirements.set(t.index, { requirement: applies ? requirement : 'none', section: s.template });
      for (const c of t.children) visit(ctx.template.sections[c]);
    };
    visit(s.template);
  }
  requirements.set(prr.questionnaire.index, { requirement: strongest, section: undefined });
  return requirements;
}
