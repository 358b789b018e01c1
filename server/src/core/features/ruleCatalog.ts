// Every rule the tools know, README and metadata alike: for validating settings and command-line
// options, and for describing rules in SARIF output.
import { RULES } from '../rules';
import { METADATA_RULES } from '../rules/metadata';
import type { Severity } from '../rules/rule';

export interface RuleDescription {
  id: string;
  defaultSeverity: Severity;
  description: string;
}

export const ALL_RULES: readonly RuleDescription[] = [...RULES, ...METADATA_RULES].map(({ id, defaultSeverity, description }) => ({
  id,
  defaultSeverity,
  description,
}));

export const ALL_RULE_IDS: readonly string[] = ALL_RULES.map((r) => r.id);
