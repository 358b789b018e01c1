// A template section written under another wording (an older template's "Drawbacks [optional]", a
// renamed "Production Readiness Questionnaire"): it counts as the section, so nothing is reported
// missing, and this one finding names both wordings and offers the template's.
import { lineRange, range } from '../text/positions';
import { headingLabel } from '../kep/kepContext';
import type { Rule, RuleFinding } from './rule';

export const headingWording: Rule = {
  id: 'heading-wording',
  defaultSeverity: 'info',
  description: "A template section is written under another wording than the template's (quick fix: use the template's wording).",
  quietWhenFinished: true,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const s of ctx.match.renamed) {
      const section = ctx.tree.sections[s];
      const t = ctx.template.sections[ctx.match.templateOf[s]];
      const h = section.heading;
      const text = ctx.index.line(h.line);
      const end = h.setext ? text.length : text.replace(/\s+#*\s*$/, '').length;
      findings.push({
        range: lineRange(h.line, text),
        message: `'${h.text.trim()}' is the template's '${headingLabel(t)}' in other words: use the template's wording, which tools that compare a KEP with the template look for.`,
        fix: {
          title: `Rename to '${t.title}'`,
          changes: [{ range: range(h.line, h.column, h.line, Math.max(h.column, end)), newText: t.title }],
          updatesToc: true,
        },
      });
    }
    return findings;
  },
};
