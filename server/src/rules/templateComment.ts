// Guidance comments copied from the template and never removed. Harmless in the rendered page but
// noise for reviewers; the template asks for them to be deleted once the KEP is complete.
import { normalizeComment } from '../model/htmlComments';
import { range } from '../model/positions';
import type { Rule, RuleFinding } from './rule';

export const templateComment: Rule = {
  id: 'template-comment',
  defaultSeverity: 'hint',
  description: "An HTML comment is still the template's guidance text, word for word.",
  structural: false,
  check(ctx) {
    const guidance = ctx.template.guidanceComments;
    if (!guidance.size) return [];
    const findings: RuleFinding[] = [];
    for (const facts of ctx.allFacts()) {
      for (const c of facts.comments) {
        if (!guidance.has(normalizeComment(c.text))) continue;
        const r = range(c.line, c.character, c.endLine, c.endCharacter);
        findings.push({
          range: r,
          message: 'Template guidance comment left in place: delete it once the section is written.',
          unnecessary: true,
          fix: { title: 'Remove this template comment', changes: [{ range: r, newText: '' }] },
        });
      }
    }
    return findings;
  },
};
