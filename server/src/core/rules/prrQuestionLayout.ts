// A questionnaire written on the template before 2021 asks each question as a bold line with the
// answer after it. Those questions are present (missing-section and the readiness count take them,
// kep/prrPresence.ts); this one finding per KEP suggests the current layout, where each question is
// a level-6 heading that the TOC, the outline and reviewers' links can point at.
import { lineRange } from '../text/positions';
import { prrPresence } from '../kep/prrPresence';
import type { Rule } from './rule';

export const prrQuestionLayout: Rule = {
  id: 'prr-question-layout',
  defaultSeverity: 'info',
  description: "The PRR questionnaire asks its questions as bold lines (the template before 2021) instead of the template's question headings.",
  quietWhenFinished: true,
  check(ctx) {
    const { boldLayout } = prrPresence(ctx);
    if (!boldLayout.length) return [];
    const at = ctx.prr().questionnaireSection ?? boldLayout[0];
    const where =
      boldLayout.length === 1 && boldLayout[0] === at
        ? ''
        : boldLayout.length <= 3
          ? ` (in ${boldLayout.map((s) => `'${s.heading.text.trim()}'`).join(', ')})`
          : ` (in ${boldLayout.length} of its sections)`;
    return [
      {
        range: lineRange(at.heading.line, ctx.index.line(at.heading.line)),
        message: `Questions asked as bold lines${where}, as before 2021: they count as answered. The current template makes each a '######' heading, which the TOC and links can point at.`,
      },
    ];
  },
};
