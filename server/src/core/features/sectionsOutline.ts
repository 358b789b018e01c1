// The KEP-aware outline behind the editor's sections view and status bar: the template's sections
// in template order with their state in this KEP, PRR questions under their sections with what
// the KEP's stage requires, and how to insert a missing one.
import type { KepContext } from '../kep/kepContext';
import { insertionFix, insertionLine } from '../rules/missingSection';
import { questionApplies, sectionRequirement, type Requirement } from '../kep/stageRequirements';
import type { TextChange } from '../rules/rule';
import { sectionState, type SectionState } from './symbols';

export type OutlineState = SectionState | 'missing';

export interface OutlineSection {
  title: string;
  level: number;
  state: OutlineState;
  /** The heading's line, when the section is present. */
  line?: number;
  optional: boolean;
  prrQuestion: boolean;
  /** What the KEP's stage asks of this PRR section or question. */
  requirement?: Requirement;
  /** Edits that insert the section, when it is missing and its parent is present. */
  insert?: TextChange[];
  children: OutlineSection[];
}

export interface SectionsOutline {
  stage?: string;
  /** Short readiness text for a status bar, e.g. "KEP beta: PRR 12/19". */
  summary: string;
  sections: OutlineSection[];
}

export function sectionsOutline(ctx: KepContext): SectionsOutline {
  const { template, match } = ctx;
  const stage = ctx.stage();
  const prr = ctx.prr();
  const build = (index: number, parentPresent: boolean, parentRequirement: Requirement | undefined): OutlineSection => {
    const t = template.sections[index];
    const doc = match.primary[index];
    const inPrr = prr.inside.has(index);
    const isPrrSection = inPrr && prr.questionnaire?.children.includes(index);
    let requirement: Requirement | undefined;
    if (stage && inPrr) {
      requirement = isPrrSection
        ? sectionRequirement(t.key, stage.stage)
        : parentRequirement && questionApplies(t.key, stage.latestMilestone)
          ? parentRequirement
          : undefined;
    }
    const node: OutlineSection = {
      title: t.title,
      level: t.level,
      state: doc >= 0 ? sectionState(ctx, doc) : 'missing',
      optional: t.optional,
      prrQuestion: inPrr && !isPrrSection,
      children: [],
    };
    if (requirement) node.requirement = requirement;
    if (doc >= 0) node.line = ctx.tree.sections[doc].heading.line;
    else if (parentPresent) node.insert = insertionFix(ctx, t, insertionLine(ctx, t)).changes;
    node.children = t.children.map((c) => build(c, doc >= 0, requirement));
    return node;
  };
  const sections = template.sections.filter((s) => s.parent === -1).map((s) => build(s.index, true, undefined));

  let summary: string;
  const flat: OutlineSection[] = [];
  const walk = (n: OutlineSection) => {
    flat.push(n);
    n.children.forEach(walk);
  };
  sections.forEach(walk);
  if (stage) {
    const required = flat.filter((n) => n.prrQuestion && n.requirement === 'required');
    summary = `KEP ${stage.stage}: PRR ${required.filter((n) => n.state === 'filled').length}/${required.length}`;
  } else {
    const required = flat.filter((n) => !n.optional && !n.prrQuestion);
    summary = `KEP: ${required.filter((n) => n.state === 'filled').length}/${required.length} sections`;
  }
  return { stage: stage?.stage, summary, sections };
}
