// The rule registry: every rule the analysis runs, in the order their findings are listed.
import { duplicateSection } from './duplicateSection';
import { emptySection } from './emptySection';
import { headingLevel } from './headingLevel';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import { sectionOrder } from './sectionOrder';
import { templateComment } from './templateComment';
import { toc } from './toc';
import { unresolved } from './unresolved';

export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  sectionOrder,
  headingLevel,
  duplicateSection,
  templateComment,
  placeholder,
  toc,
  unresolved,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
