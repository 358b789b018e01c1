// The production readiness review (PRR) questionnaire of a KEP README as the template lays it out:
// the questionnaire heading, its sections (Feature Enablement and Rollback, …) and their questions
// (the level-6 headings), each with the document heading that stands for it, and whether a
// question has an answer. Built from the template model, so a workspace template that adds or
// renames questions is followed.
import type { Section, SectionTree } from '../markdown/sections';
import { sectionKey } from '../markdown/sectionKey';
import type { TemplateModel, TemplateSection } from './template';
import type { TemplateMatch } from './templateMatch';

export const QUESTIONNAIRE_KEY = sectionKey('Production Readiness Review Questionnaire');
export const FEATURE_ENABLEMENT_KEY = sectionKey('Feature Enablement and Rollback');
export const ENABLEMENT_QUESTION_KEY = sectionKey('How can this feature be enabled / disabled in a live cluster?');
export const DISABLE_QUESTION_KEY = sectionKey('Can the feature be disabled once it has been enabled (i.e. can we roll back the enablement)?');
export const SLI_QUESTION_KEY = sectionKey('What are the SLIs (Service Level Indicators) an operator can use to determine the health of the service?');

export interface PrrQuestionFacts {
  template: TemplateSection;
  /** The document heading of the question, if it is written as a heading. */
  section: Section | undefined;
}

export interface PrrSectionFacts {
  template: TemplateSection;
  section: Section | undefined;
  questions: PrrQuestionFacts[];
}

export interface PrrFacts {
  /** The template's questionnaire, or undefined when the template has none. */
  questionnaire: TemplateSection | undefined;
  questionnaireSection: Section | undefined;
  sections: PrrSectionFacts[];
  /** Template section indexes of the questionnaire's sections and questions (not the questionnaire itself). */
  inside: ReadonlySet<number>;
  /** The question with this template key. */
  question(key: string): PrrQuestionFacts | undefined;
  /**
   * The heading that stands for a template section: for the questionnaire's sections and questions,
   * only a heading inside the questionnaire (none when it is missing); for others, the template match.
   * Under a questionnaire heading, "## Dependencies" elsewhere in the KEP is not the PRR's Dependencies.
   */
  headingOf(t: TemplateSection): Section | undefined;
}

/**
 * A questionnaire under a heading of its own wording ("## Deprecation Readiness Review
 * Questionnaire"): the section that holds the Feature Enablement and Rollback heading, which no
 * other part of a KEP has.
 */
function impliedQuestionnaire(tree: SectionTree, template: TemplateModel, primary: (t: TemplateSection) => Section | undefined): Section | undefined {
  const enablement = template.byKey.get(FEATURE_ENABLEMENT_KEY);
  const heading = enablement && primary(enablement);
  if (!heading || heading.parent < 0) return undefined;
  const parent = tree.sections[heading.parent];
  return parent.level > 1 ? parent : undefined;
}

export function buildPrrFacts(tree: SectionTree, template: TemplateModel, match: TemplateMatch): PrrFacts {
  const questionnaire = template.byKey.get(QUESTIONNAIRE_KEY);
  const primary = (t: TemplateSection): Section | undefined => (match.primary[t.index] >= 0 ? tree.sections[match.primary[t.index]] : undefined);
  const questionnaireSection = questionnaire ? (primary(questionnaire) ?? impliedQuestionnaire(tree, template, primary)) : undefined;
  // Without a questionnaire heading, nothing stands for its sections and questions.
  const doc = (t: TemplateSection): Section | undefined => {
    const s = primary(t);
    if (!s || !questionnaireSection) return undefined;
    return s.heading.line > questionnaireSection.heading.line && s.heading.line < questionnaireSection.subtreeEnd ? s : undefined;
  };
  const inside = new Set<number>();
  const sections: PrrSectionFacts[] = [];
  const byKey = new Map<string, PrrQuestionFacts>();
  if (questionnaire) {
    for (const s of questionnaire.children) {
      const t = template.sections[s];
      inside.add(t.index);
      const questions: PrrQuestionFacts[] = [];
      const leaves = (q: TemplateSection): void => {
        inside.add(q.index);
        if (q.children.length) for (const c of q.children) leaves(template.sections[c]);
        else {
          const facts = { template: q, section: doc(q) };
          questions.push(facts);
          if (!byKey.has(q.key)) byKey.set(q.key, facts);
        }
      };
      for (const q of t.children) leaves(template.sections[q]);
      sections.push({ template: t, section: doc(t), questions });
    }
  }
  return {
    questionnaire,
    questionnaireSection,
    sections,
    inside,
    question: (key) => byKey.get(key),
    headingOf: (t) => (t === questionnaire ? questionnaireSection : inside.has(t.index) ? doc(t) : primary(t)),
  };
}
