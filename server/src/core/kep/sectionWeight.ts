// How much a template section matters to the reviewers who approve a KEP: data beside the template
// model, so that rules weigh sections from one table instead of special cases. Documented in the
// README ("Section weights").
import { sectionKey } from '../markdown/sectionKey';
import type { TemplateSection } from './template';

/**
 * - `approval`: reviewers read it to approve the KEP; left empty, the author is asked to fill it.
 * - `supporting`: useful, but no approval waits on it (an empty one is common in approved KEPs).
 * - `optional`: the template marks it "(Optional)": fill it or delete the heading.
 */
export type SectionWeight = 'approval' | 'supporting' | 'optional';

/** Sections no approval waits on, by title. */
export const SUPPORTING_SECTIONS: readonly string[] = ['Drawbacks', 'Alternatives', 'Prerequisite testing updates'];

const SUPPORTING_KEYS = new Set(SUPPORTING_SECTIONS.map(sectionKey));

export function sectionWeight(section: TemplateSection): SectionWeight {
  if (section.optional) return 'optional';
  return SUPPORTING_KEYS.has(section.key) ? 'supporting' : 'approval';
}
