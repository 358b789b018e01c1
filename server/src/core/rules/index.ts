// The rule registry: every rule the analysis runs, in the order their findings are listed.
import { disableSupportedMismatch } from './disableSupportedMismatch';
import { duplicateSection } from './duplicateSection';
import { emptySection } from './emptySection';
import { gateNotInKepYaml } from './gateNotInKepYaml';
import { gateNotInReadme } from './gateNotInReadme';
import { headingLevel } from './headingLevel';
import { headingWording } from './headingWording';
import { inputLimit } from './inputLimit';
import { metricNotInKepYaml } from './metricNotInKepYaml';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import { prrQuestionLayout } from './prrQuestionLayout';
import type { Rule } from './rule';
import { sectionOrder } from './sectionOrder';
import { stagePrrAnswer } from './stagePrrAnswer';
import { templateComment } from './templateComment';
import { titleMismatch } from './titleMismatch';
import { toc } from './toc';
import { unresolved } from './unresolved';

export const RULES: readonly Rule[] = [
  // First: a part of the README that was not checked explains why other findings may be missing.
  inputLimit,
  missingSection,
  emptySection,
  sectionOrder,
  headingLevel,
  headingWording,
  duplicateSection,
  templateComment,
  placeholder,
  toc,
  unresolved,
  // What the KEP's stage (kep.yaml) requires of the README.
  stagePrrAnswer,
  prrQuestionLayout,
  // README and kep.yaml must agree.
  gateNotInKepYaml,
  gateNotInReadme,
  disableSupportedMismatch,
  metricNotInKepYaml,
  titleMismatch,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
