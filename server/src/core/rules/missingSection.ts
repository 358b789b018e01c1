// A required template section is absent. Only the topmost absent section of a branch is reported
// (a missing PRR questionnaire is one finding, not thirty-two), on the line where it belongs.
import { lineRange, range } from '../text/positions';
import type { TemplateSection } from '../kep/template';
import { headingLabel, type KepContext } from '../kep/kepContext';
import type { Fix, Rule, RuleFinding } from './rule';

/** Where a missing template section belongs: after its closest present earlier sibling, or inside its parent. */
export function insertionLine(ctx: KepContext, section: TemplateSection): number {
  const { template, match, tree } = ctx;
  const siblings = section.parent >= 0 ? template.sections[section.parent].children : template.sections.filter((s) => s.parent === -1).map((s) => s.index);
  const position = siblings.indexOf(section.index);
  for (let i = position - 1; i >= 0; i--) {
    const present = match.primary[siblings[i]];
    if (present >= 0) return tree.sections[present].subtreeEnd;
  }
  for (let i = position + 1; i < siblings.length; i++) {
    const present = match.primary[siblings[i]];
    if (present >= 0) return tree.sections[present].heading.line;
  }
  if (section.parent >= 0) {
    const parent = match.primary[section.parent];
    if (parent >= 0) {
      const p = tree.sections[parent];
      return p.children.length ? tree.sections[p.children[0]].heading.line : p.subtreeEnd;
    }
  }
  return tree.lineCount;
}

/** The blocks to insert for a missing branch: the section and its required sub-sections, in template order. */
function requiredHeadings(ctx: KepContext, section: TemplateSection): string[] {
  const eol = ctx.index.eol;
  const guidance = ctx.insertGuidance ? section.guidance.map((g) => g.replace(/\r?\n/g, eol)) : [];
  return [
    [headingLabel(section), ...guidance].join(eol + eol),
    ...section.children.flatMap((c) => (ctx.template.sections[c].optional ? [] : requiredHeadings(ctx, ctx.template.sections[c]))),
  ];
}

export function insertionFix(ctx: KepContext, section: TemplateSection, line: number): Fix {
  const { index } = ctx;
  const eol = index.eol;
  const block = requiredHeadings(ctx, section).join(eol + eol) + eol + eol;
  if (line < index.lineCount) {
    return { title: `Insert '${headingLabel(section)}'`, changes: [{ range: range(line, 0, line, 0), newText: block }], updatesToc: true };
  }
  // At the end of the document: start on a new line after the last one.
  const last = index.lineCount - 1;
  const end = index.line(last).length;
  return {
    title: `Insert '${headingLabel(section)}'`,
    changes: [{ range: range(last, end, last, end), newText: eol + (end ? eol : '') + block.slice(0, -eol.length) }],
    updatesToc: true,
  };
}

function descendantCount(ctx: KepContext, section: TemplateSection): number {
  return section.children.reduce((n, c) => n + 1 + descendantCount(ctx, ctx.template.sections[c]), 0);
}

export const missingSection: Rule = {
  id: 'missing-section',
  defaultSeverity: 'warning',
  description: 'A section that the KEP template requires is absent.',
  quietWhenFinished: true,
  check(ctx) {
    const findings: RuleFinding[] = [];
    const { template, match, index } = ctx;
    for (const section of template.sections) {
      if (section.optional || match.primary[section.index] >= 0) continue;
      const parent = section.parent >= 0 ? template.sections[section.parent] : undefined;
      if (parent && match.primary[parent.index] < 0) continue;
      const insertAt = insertionLine(ctx, section);
      const line = Math.min(insertAt, Math.max(0, index.lineCount - 1));
      const where = parent ? ` under '${headingLabel(parent)}'` : '';
      const inner = descendantCount(ctx, section);
      const extra = inner ? ` (and its ${inner} sub-section${inner === 1 ? '' : 's'})` : '';
      findings.push({
        range: lineRange(line, index.line(line)),
        message: `Missing '${headingLabel(section)}'${where}${extra}. Add it here, in template order.`,
        fix: insertionFix(ctx, section, insertAt),
      });
    }
    return findings;
  },
};
