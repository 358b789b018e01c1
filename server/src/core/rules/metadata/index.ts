// The metadata rule registry: every kep.yaml / approval-file rule, in the order findings are listed.
import { dateFormat } from './dateFormat';
import { duplicateField } from './duplicateField';
import { featureGateComponents } from './featureGateComponents';
import { featureGateName } from './featureGateName';
import { fieldType } from './fieldType';
import { handleFormat } from './handleFormat';
import { implementedStable } from './implementedStable';
import { kepNumberMatch } from './kepNumberMatch';
import type { MetadataRule } from './metadataRule';
import { milestoneFormat } from './milestoneFormat';
import { milestoneStage } from './milestoneStage';
import { owningSigFolder } from './owningSigFolder';
import { prrApproval } from './prrApproval';
import { prrApprover } from './prrApprover';
import { prrFileNumber } from './prrFileNumber';
import { requiredField } from './requiredField';
import { stageRequiredFields } from './stageRequiredFields';
import { stageValue } from './stageValue';
import { statusValue } from './statusValue';
import { tbdReviewers } from './tbdReviewers';
import { unknownField } from './unknownField';
import { unknownSig } from './unknownSig';
import { yamlSyntax } from './yamlSyntax';

export const METADATA_RULES: readonly MetadataRule[] = [
  // What upstream CI rejects, and values outside the documented sets: errors.
  yamlSyntax,
  duplicateField,
  unknownField,
  fieldType,
  requiredField,
  statusValue,
  stageValue,
  prrApproval,
  // Lint beyond upstream: warnings and below.
  implementedStable,
  milestoneFormat,
  milestoneStage,
  dateFormat,
  handleFormat,
  tbdReviewers,
  owningSigFolder,
  kepNumberMatch,
  unknownSig,
  featureGateName,
  featureGateComponents,
  prrFileNumber,
  prrApprover,
  stageRequiredFields,
];

export const METADATA_RULE_IDS: readonly string[] = METADATA_RULES.map((r) => r.id);

export function metadataRuleById(id: string): MetadataRule | undefined {
  return METADATA_RULES.find((r) => r.id === id);
}
