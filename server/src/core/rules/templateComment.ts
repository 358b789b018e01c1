// Guidance comments copied from the template and never removed. Harmless in the rendered page but
// noise for reviewers; the template asks for them to be deleted once the KEP is complete.
import { normalizeComment } from '../markdown/htmlComments';
import { range } from '../text/positions';
import type { BodyFacts } from '../markdown/bodyFacts';
import type { TemplateModel } from '../kep/template';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding } from './rule';

/**
 * Findings per body, for as long as the body's facts object lives: an analysis after an edit gets
 * the same facts object back for every body the edit left in place (BodyFactsCache), so only the
 * edited body is checked again. Keyed by template too, since the guidance comes from it.
 */
const byFacts = new WeakMap<BodyFacts, { template: TemplateModel; where: string; findings: RuleFinding[] }>();

/** `where` names the body: "in '## Summary'", or "above the first heading". */
function bodyFindings(facts: BodyFacts, template: TemplateModel, where: string): RuleFinding[] {
  const cached = byFacts.get(facts);
  if (cached && cached.template === template && cached.where === where) return cached.findings;
  const guidance = template.guidanceComments;
  const findings: RuleFinding[] = [];
  for (const c of facts.comments) {
    if (!guidance.has(normalizeComment(c.text))) continue;
    const r = range(c.line, c.character, c.endLine, c.endCharacter);
    findings.push({
      range: r,
      message: `Template guidance comment left ${where}: delete it once the section is written.`,
      unnecessary: true,
      fix: { title: 'Remove this template comment', changes: [{ range: r, newText: '' }] },
    });
  }
  byFacts.set(facts, { template, where, findings });
  return findings;
}

export const templateComment: Rule = {
  id: 'template-comment',
  defaultSeverity: 'hint',
  description: "An HTML comment is still the template's guidance text, word for word.",
  quietWhenFinished: false,
  check(ctx) {
    const guidance = ctx.template.guidanceComments;
    if (!guidance.size) return [];
    const { template } = ctx;
    const all = ctx.allFacts();
    return lastResult(results, ctx.index, [all, template, ctx.tree], () => {
      const findings: RuleFinding[] = [];
      // allFacts: the preamble's, then each section's in document order.
      all.forEach((facts, i) => {
        const section = i > 0 ? ctx.tree.sections[i - 1] : undefined;
        const where = section ? `in '${'#'.repeat(section.level)} ${section.title}'` : 'above the first heading';
        for (const f of bodyFindings(facts, template, where)) findings.push(f);
      });
      return findings;
    });
  },
};

const results = resultStore<RuleFinding[]>();
