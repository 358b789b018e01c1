// The KEP-aware outline behind the editor's sections view and status bar: the template's sections
// in template order with their state in this KEP, PRR questions under their sections with what
// the KEP's stage requires, and how to insert a missing one. A PRR question is "filled" exactly when
// stage-prr-answer takes it as answered (kep/prrPresence.ts questionAnswered), so the count in the
// status bar and the findings never disagree.
import type { KepContext } from '../kep/kepContext';
import type { TemplateSection } from '../kep/template';
import type { Section } from '../markdown/sections';
import { insertionFix, insertionLine } from '../rules/missingSection';
import type { Requirement } from '../kep/stageRequirements';
import { prrRequirements } from '../kep/prrRequirements';
import type { TextChange } from '../rules/rule';
import { sectionState, type SectionState } from './symbols';
import { prrPresence, questionAnswered } from '../kep/prrPresence';

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
  const { template } = ctx;
  const stage = ctx.stage();
  const prr = ctx.prr();
  const written = prrPresence(ctx).withoutHeading;
  /** A PRR question's state is whether it is answered, as stage-prr-answer reads it. */
  const questionState = (t: TemplateSection, heading: Section | undefined): OutlineState => {
    if (questionAnswered(ctx, t)) return 'filled';
    if (!heading) return 'missing';
    const state = sectionState(ctx, heading.index);
    return state === 'filled' ? 'empty' : state;
  };
  const requirements = prrRequirements(ctx);
  const build = (index: number, parentPresent: boolean, parentLine?: number): OutlineSection => {
    const t = template.sections[index];
    const heading = prr.headingOf(t);
    const inPrr = prr.inside.has(index);
    const isPrrSection = inPrr && prr.questionnaire?.children.includes(index);
    const asked = inPrr ? requirements?.get(index)?.requirement : undefined;
    const requirement: Requirement | undefined = asked === 'none' ? undefined : asked;
    const prrQuestion = inPrr && !isPrrSection && !t.children.length;
    const present = heading !== undefined || written.has(index);
    const node: OutlineSection = {
      title: t.title,
      level: t.level,
      state: prrQuestion ? questionState(t, heading) : heading ? sectionState(ctx, heading.index) : present ? 'filled' : 'missing',
      optional: t.optional,
      prrQuestion: inPrr && !isPrrSection,
      children: [],
    };
    if (requirement) node.requirement = requirement;
    // A question written the older way (a bold line) is found under its section's heading.
    const line = heading?.heading.line ?? (present ? parentLine : undefined);
    if (line !== undefined) node.line = line;
    else if (parentPresent && !present) node.insert = insertionFix(ctx, t, insertionLine(ctx, t)).changes;
    node.children = t.children.map((c) => build(c, present, line));
    return node;
  };
  const sections = template.sections.filter((s) => s.parent === -1).map((s) => build(s.index, true));

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
