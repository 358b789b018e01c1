// The answers a KEP README gives to the PRR questionnaire's questions: what a question's heading
// holds, and whether a question missing as a heading is written in the text around it instead.
import type { Section } from '../markdown/sections';
import { sectionKey } from '../markdown/sectionKey';
import type { KepContext } from './kepContext';
import { answerState, answerText, forEachVisibleLine, type AnswerState } from './readmeText';
import type { TemplateSection } from './template';

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
