// Which parts of the PRR questionnaire count as written although no heading stands for them. KEPs
// on the template before 2021 ask each question as a bold line ("* **How can this feature be
// enabled / disabled in a live cluster?**") followed by its answer, and some answer a whole PRR
// section, or the whole questionnaire, in prose ("Not required: …", a link to another KEP's
// answers). Those questions are there; only their layout differs. missing-section and the
// readiness count read this instead of looking for headings alone.
import type { Section } from '../markdown/sections';
import type { KepContext } from './kepContext';
import { lastResult, resultStore } from '../text/lastResult';
import { answerOf, writtenInline } from './prrAnswers';
import type { TemplateSection } from './template';

export interface PrrPresence {
  /** Template indexes of PRR sections and questions that count as written without their heading. */
  withoutHeading: ReadonlySet<number>;
  /** Document sections (PRR sections, or the questionnaire) that ask their questions as bold lines, not headings. */
  boldLayout: Section[];
}

const NONE: PrrPresence = { withoutHeading: new Set(), boldLayout: [] };

function addSubtree(ctx: KepContext, t: TemplateSection, into: Set<number>): void {
  into.add(t.index);
  for (const c of t.children) addSubtree(ctx, ctx.template.sections[c], into);
}

const results = resultStore<PrrPresence>();

/**
 * Kept while the section tree, the template match and every body's facts stand (typing in prose
 * changes none of them): it reads only headings and bodies, and runs on every analysis.
 */
export function prrPresence(ctx: KepContext): PrrPresence {
  return lastResult(results, ctx.index, [ctx.tree, ctx.match, ctx.allFacts()], () => compute(ctx));
}

function compute(ctx: KepContext): PrrPresence {
  const prr = ctx.prr();
  if (!prr.questionnaire) return NONE;
  const withoutHeading = new Set<number>();
  const boldLayout: Section[] = [];
  const memo = new Map<Section, string>();
  const questionnaire = prr.questionnaireSection;
  const anyHeading = prr.sections.some((s) => s.section || s.questions.some((q) => q.section));
  if (questionnaire && !anyHeading && ctx.facts(questionnaire).hasContent) {
    for (const s of prr.sections) addSubtree(ctx, s.template, withoutHeading);
    if (prr.sections.some((s) => s.questions.some((q) => writtenInline(ctx, q.template, questionnaire, memo)))) boldLayout.push(questionnaire);
    return { withoutHeading, boldLayout };
  }
  for (const s of prr.sections) {
    if (s.section && ctx.facts(s.section).hasContent && !s.questions.some((q) => q.section)) {
      // Answered as a whole: its questions are there in some form, or deliberately not.
      for (const c of s.template.children) addSubtree(ctx, ctx.template.sections[c], withoutHeading);
      const scope = s.section;
      if (s.questions.some((q) => writtenInline(ctx, q.template, scope, memo))) boldLayout.push(scope);
      continue;
    }
    const scope = s.section ?? questionnaire;
    if (!scope) continue;
    for (const q of s.questions) if (!q.section && writtenInline(ctx, q.template, scope, memo)) withoutHeading.add(q.template.index);
  }
  return { withoutHeading, boldLayout };
}

/**
 * Whether a PRR question counts as answered: its heading holds an answer (not only comments, the
 * template's scaffold or "TBD"), or it is written the older way. The one definition behind
 * stage-prr-answer, missing-section and the readiness count of the sections view and status bar.
 */
export function questionAnswered(ctx: KepContext, question: TemplateSection): boolean {
  const heading = ctx.prr().headingOf(question);
  if (heading) return answerOf(ctx, heading).state === 'answered';
  return prrPresence(ctx).withoutHeading.has(question.index);
}
