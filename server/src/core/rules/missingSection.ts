// A required template section is absent. Only the topmost absent section of a branch is reported
// (a missing PRR questionnaire is one finding, not thirty-two), on the line where it belongs.
//
// In the PRR questionnaire, what is absent weighs what the KEP's stage asks (kep-facts §2): a
// warning where the stage requires it, a hint where it only encourages it, information where the
// stage does not ask it yet. Questions written the older way (bold lines, or a section answered in
// prose) are present (kep/prrPresence.ts). stage-prr-answer reports the questions that are there
// without an answer, so one missing question is one finding.
import { lineRange, range } from '../text/positions';
import type { TemplateSection } from '../kep/template';
import type { Section } from '../markdown/sections';
import { headingLabel, type KepContext } from '../kep/kepContext';
import { prrPresence } from '../kep/prrPresence';
import { requirementLead, sectionRequirement, type Requirement } from '../kep/stageRequirements';
import { prrRequirements } from '../kep/prrRequirements';
import type { Fix, Rule, RuleFinding, Severity } from './rule';

/** The heading that stands for a template section (kep/prrFacts.ts: PRR questions only inside the questionnaire). */
function headingOf(ctx: KepContext, t: TemplateSection): Section | undefined {
  return ctx.prr().headingOf(t);
}

/** Where a missing template section belongs: after its closest present earlier sibling, or inside its parent. */
export function insertionLine(ctx: KepContext, section: TemplateSection): number {
  const { template, tree } = ctx;
  const siblings = section.parent >= 0 ? template.sections[section.parent].children : template.sections.filter((s) => s.parent === -1).map((s) => s.index);
  const position = siblings.indexOf(section.index);
  for (let i = position - 1; i >= 0; i--) {
    const present = headingOf(ctx, template.sections[siblings[i]]);
    if (present) return present.subtreeEnd;
  }
  for (let i = position + 1; i < siblings.length; i++) {
    const present = headingOf(ctx, template.sections[siblings[i]]);
    if (present) return present.heading.line;
  }
  if (section.parent >= 0) {
    const p = headingOf(ctx, template.sections[section.parent]);
    if (p) {
      return p.children.length ? tree.sections[p.children[0]].heading.line : p.subtreeEnd;
    }
  }
  return tree.lineCount;
}

/**
 * The blocks to insert for a missing branch: the section and its required sub-sections, in
 * template order. A sub-section the KEP has elsewhere is left out: the fix never writes a second one.
 */
function requiredHeadings(ctx: KepContext, section: TemplateSection): string[] {
  const eol = ctx.index.eol;
  const guidance = ctx.insertGuidance ? section.guidance.map((g) => g.replace(/\r?\n/g, eol)) : [];
  return [
    [headingLabel(section), ...guidance].join(eol + eol),
    ...section.children.flatMap((c) => {
      const child = ctx.template.sections[c];
      return child.optional || headingOf(ctx, child) ? [] : requiredHeadings(ctx, child);
    }),
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

/** A missing section's sub-sections: how many there are, and those the KEP has elsewhere (topmost only). */
function descendants(ctx: KepContext, section: TemplateSection, found: TemplateSection[] = []): { total: number; found: TemplateSection[] } {
  let total = 0;
  for (const c of section.children) {
    const child = ctx.template.sections[c];
    total += 1;
    const present = headingOf(ctx, child) !== undefined;
    if (present) found.push(child);
    total += descendants(ctx, child, present ? [] : found).total;
  }
  return { total, found };
}

/**
 * What the finding says of a missing section's sub-sections: all missing too, or which stand
 * elsewhere. `regrouped` when at least as many of them stand elsewhere as are missing: the author
 * laid the KEP out another way, so the absent heading only groups them (information), and the
 * sub-sections that are missing are reported one by one.
 */
function subsectionNote(ctx: KepContext, section: TemplateSection): { note: string; regrouped: boolean } {
  const { total, found } = descendants(ctx, section);
  if (!total) return { note: '', regrouped: false };
  if (!found.length) return { note: ` (and its ${total} sub-section${total === 1 ? '' : 's'})`, regrouped: false };
  const present = found.reduce((n, f) => n + 1 + descendants(ctx, f).total, 0);
  const missing = total - present;
  const where = (t: TemplateSection) => `'${t.title}' (line ${headingOf(ctx, t)!.heading.line + 1})`;
  const named = found.length <= 2 ? `${found.map(where).join(' and ')} ${found.length === 1 ? 'stands' : 'stand'} elsewhere` : '';
  if (present > missing)
    return {
      note: ` (${named || (missing ? `${present} of its ${total} sub-sections stand elsewhere` : `all ${total} of its sub-sections stand elsewhere`)})`,
      regrouped: true,
    };
  return { note: ` (and ${missing} of its ${total} sub-sections; ${named || `the other ${present} stand elsewhere`})`, regrouped: false };
}

const SEVERITY: Record<Requirement | 'none', Severity | undefined> = { required: undefined, encouraged: 'hint', none: 'info' };

/** The earliest stage that requires a PRR section, for "asked from beta on". */
function requiredFrom(key: string): string {
  return sectionRequirement(key, 'alpha') === 'required' ? 'alpha' : sectionRequirement(key, 'beta') === 'required' ? 'beta' : 'stable';
}

export const missingSection: Rule = {
  id: 'missing-section',
  defaultSeverity: 'warning',
  description: 'A section that the KEP template requires is absent.',
  quietWhenFinished: true,
  check(ctx) {
    const findings: RuleFinding[] = [];
    const { template, index } = ctx;
    const written = prrPresence(ctx).withoutHeading;
    const present = (t: TemplateSection) => headingOf(ctx, t) !== undefined || written.has(t.index);
    const stage = ctx.stage();
    const requirements = prrRequirements(ctx);
    // Missing sections whose sub-sections are reported one by one (see subsectionNote).
    const regrouped = new Set<number>();
    for (const section of template.sections) {
      if (section.optional || present(section)) continue;
      const parent = section.parent >= 0 ? template.sections[section.parent] : undefined;
      if (parent && !present(parent) && !regrouped.has(parent.index)) continue;
      const insertAt = insertionLine(ctx, section);
      const line = Math.min(insertAt, Math.max(0, index.lineCount - 1));
      const where = parent ? ` under '${headingLabel(parent)}'` : '';
      const sub = subsectionNote(ctx, section);
      if (sub.regrouped) {
        regrouped.add(section.index);
        findings.push({
          range: lineRange(line, index.line(line)),
          message: `Missing '${headingLabel(section)}'${where}${sub.note}: only the heading that groups them is absent. Add it if the KEP follows the template's layout.`,
          severity: 'info',
        });
        continue;
      }
      const prrPart = requirements?.get(section.index);
      const requirement = prrPart?.requirement;
      const what = `'${headingLabel(section)}'${where}${sub.note}`;
      let message = `Missing ${what}. Add it here, in template order.`;
      if (requirement && requirement !== 'none') message = `${requirementLead(requirement, stage!.stage)}: missing ${what}. Add it here, in template order.`;
      else if (requirement === 'none') {
        // "From beta on" when the stage does not ask the PRR section yet, not for a question newer than latest-milestone.
        const asks = prrPart?.section && requirements?.get(prrPart.section.index)?.requirement;
        const from = prrPart?.section && asks === 'none' ? requiredFrom(prrPart.section.key) : undefined;
        message = `Missing ${what}${from ? `, which the KEP needs from ${from} on` : ''}. Add it here, in template order.`;
      }
      findings.push({
        range: lineRange(line, index.line(line)),
        message,
        severity: requirement ? SEVERITY[requirement] : undefined,
        fix: insertionFix(ctx, section, insertAt),
      });
    }
    return findings;
  },
};
