// A template section written at another heading level than the template's, where that changes
// something: the section leaves the section the template puts it in (or lands inside another), or
// it drops out of the table of contents. A level that changes neither (`#### Unit tests` under
// `### Test Plan`, where the template skips level 4) is left alone: the tree reads the same.
import { lineRange, range } from '../text/positions';
import { headingLabel } from '../kep/kepContext';
import type { KepContext } from '../kep/kepContext';
import type { Section } from '../markdown/sections';
import type { Rule, RuleFinding } from './rule';

/** The deepest heading level the repository's TOC lists (mdtoc --max-depth=5). */
const TOC_MAX_LEVEL = 5;

/** Whether `section` sits under the section the template puts it under (the title, for top-level ones). */
function underTemplateParent(ctx: KepContext, section: Section, templateParent: number): boolean | undefined {
  const actual = section.parent < 0 ? undefined : ctx.tree.sections[section.parent];
  if (templateParent < 0) return actual === undefined || actual.level === 1;
  const expected = ctx.match.primary[templateParent];
  // The template's parent is not in the document: nothing to compare against.
  if (expected < 0) return undefined;
  return actual?.index === expected;
}

export const headingLevel: Rule = {
  id: 'heading-level',
  defaultSeverity: 'warning',
  description:
    'A template section is at a different heading level than in the template, and that moves it out of its parent section or out of the table of contents.',
  quietWhenFinished: true,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const section of ctx.tree.sections) {
      const t = ctx.match.templateOf[section.index];
      if (t < 0) continue;
      const expected = ctx.template.sections[t];
      if (section.level === expected.level) continue;
      const parent = expected.parent < 0 ? undefined : ctx.template.sections[expected.parent];
      const leavesToc = expected.level <= TOC_MAX_LEVEL && section.level > TOC_MAX_LEVEL;
      const placed = underTemplateParent(ctx, section, expected.parent);
      if (placed === true && !leavesToc) continue;
      const h = section.heading;
      const text = ctx.index.line(h.line);
      const fix =
        h.setext || !text.startsWith('#')
          ? undefined
          : {
              title: `Change to level ${expected.level} ('${'#'.repeat(expected.level)}')`,
              changes: [{ range: range(h.line, 0, h.line, h.column), newText: `${'#'.repeat(expected.level)} ` }],
              updatesToc: true,
            };
      const effect = leavesToc
        ? `, too deep for the table of contents (it lists ${TOC_MAX_LEVEL} levels)`
        : placed === false
          ? parent
            ? `, which takes it out of '${parent.title}'`
            : ', which puts it inside the section above it'
          : '';
      findings.push({
        range: lineRange(h.line, text),
        message: `'${section.title}' is a level ${section.level} heading${effect}; the template has it at level ${expected.level}: '${headingLabel(expected)}'.`,
        fix,
      });
    }
    return findings;
  },
};
