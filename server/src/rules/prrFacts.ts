// The production readiness review (PRR) questionnaire of a KEP README as the template lays it out:
// the questionnaire heading, its sections (Feature Enablement and Rollback, …) and their questions
// (the level-6 headings), each with the document heading that stands for it, and whether a
// question has an answer. Built from the template model, so a workspace template that adds or
// renames questions is followed.
import type { Section, SectionTree } from '../model/sections';
import { sectionKey } from '../model/sectionKey';
import type { TemplateModel, TemplateSection } from '../model/template';
import type { TemplateMatch } from '../model/templateMatch';
import type { KepContext } from './context';
import { answerState, answerText, forEachVisibleLine, type AnswerState } from './readmeText';

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
}

export function buildPrrFacts(tree: SectionTree, template: TemplateModel, match: TemplateMatch): PrrFacts {
  const questionnaire = template.byKey.get(QUESTIONNAIRE_KEY);
  const primary = (t: TemplateSection): Section | undefined => (match.primary[t.index] >= 0 ? tree.sections[match.primary[t.index]] : undefined);
  const questionnaireSection = questionnaire ? primary(questionnaire) : undefined;
  // Under a questionnaire heading, only headings inside it count: "## Dependencies" elsewhere in
  // the KEP is not the PRR's Dependencies section.
  const doc = (t: TemplateSection): Section | undefined => {
    const s = primary(t);
    if (!s || !questionnaireSection) return s;
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
  };
}

const ANSWER_LINES = 3;

export interface Answer {
  state: AnswerState;
  /** The answer's text without comments and the template's scaffold, on one line. */
  text: string;
}

/**
 * What a question's heading holds: its own body and its sub-sections' bodies. Reads at most the
 * first lines of the answer: enough to tell it from a bare "TBD" and to read its first word.
 */
export function answerOf(ctx: KepContext, section: Section): Answer {
  const parts: string[] = [];
  const collect = (s: Section): void => {
    if (ctx.facts(s).hasContent) {
      const text = answerText(ctx.index.lines(), s.bodyStart, s.bodyEnd, ANSWER_LINES);
      if (text) parts.push(text);
    }
    for (const c of s.children) {
      parts.push(ctx.tree.sections[c].title);
      collect(ctx.tree.sections[c]);
    }
  };
  collect(section);
  const text = parts.join(' ');
  return { state: answerState(text), text };
}

/**
 * Whether a question missing as a heading is written in the text of `scope` instead: KEPs written
 * on older templates ask the questions as bold bullets, often wrapped over two lines ("* **Can the
 * feature be disabled once it has been enabled (i.e. can we roll back\n  the enablement)?**").
 * Compares letters and digits only, over the scope's visible text joined (kept in `memo` per scope,
 * for the other questions missing there).
 */
export function writtenInline(ctx: KepContext, question: TemplateSection, scope: Section, memo?: Map<Section, string>): boolean {
  let key = memo?.get(scope);
  if (key === undefined) {
    const parts: string[] = [];
    forEachVisibleLine(ctx.index.lines(), scope.bodyStart, scope.subtreeEnd, (_line, text) => {
      parts.push(text);
    });
    key = sectionKey(parts.join(' '));
    memo?.set(scope, key);
  }
  return key.includes(question.key);
}
