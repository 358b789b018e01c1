// The analysis entry for KEP metadata files, shared by the language server and kep-lint:
// kep.yaml files and production readiness approval files (keps/prod-readiness/<sig>/<NNNN>.yaml).
// Runs the metadata rules and applies the user's severities. No IO of its own (other files are
// read through WorkspaceFiles) and no protocol types.
import { isPrrApprovalPath } from '../kep/prrApproval';
import { basename, type WorkspaceFiles } from '../workspace/files';
import { createKepYamlContext, createPrrApprovalContext } from '../kep/metadataContext';
import { textOf } from '../kep/kepYaml';
import { METADATA_RULES } from '../rules/metadata';
import type { MetadataRule } from '../rules/metadata/metadataRule';
import type { Finding, RuleFinding } from '../rules/rule';
import { DEFAULT_SETTINGS, effectiveSeverity, type AnalysisSettings } from './analysis';

export { isPrrApprovalPath } from '../kep/prrApproval';

export function isKepYamlPath(path: string): boolean {
  return basename(path) === 'kep.yaml';
}

/** Whether a path is a metadata file this analysis understands. */
export function isMetadataPath(path: string): boolean {
  return isKepYamlPath(path) || isPrrApprovalPath(path);
}

function apply(rule: MetadataRule, found: RuleFinding[], settings: AnalysisSettings, status: string | undefined, out: Finding[]): void {
  for (const finding of found) {
    const severity = effectiveSeverity(rule, finding, settings, status);
    if (severity) out.push({ ...finding, rule: rule.id, severity });
  }
}

/** Findings for a kep.yaml. `path` is absolute with '/' separators; `text` is its current content. */
export function analyzeKepYaml(path: string, text: string, files: WorkspaceFiles, settings: AnalysisSettings = DEFAULT_SETTINGS): Finding[] {
  const ctx = createKepYamlContext(path, text, files);
  const findings: Finding[] = [];
  for (const rule of METADATA_RULES) {
    if (!rule.checkKepYaml || settings.rules[rule.id] === 'off') continue;
    apply(rule, rule.checkKepYaml(ctx), settings, textOf(ctx.kep.status), findings);
  }
  return findings;
}

/** Findings for a production readiness approval file. */
export function analyzePrrApproval(path: string, text: string, files: WorkspaceFiles, settings: AnalysisSettings = DEFAULT_SETTINGS): Finding[] {
  const ctx = createPrrApprovalContext(path, text, files);
  const findings: Finding[] = [];
  for (const rule of METADATA_RULES) {
    if (!rule.checkPrrApproval || settings.rules[rule.id] === 'off') continue;
    apply(rule, rule.checkPrrApproval(ctx), settings, undefined, findings);
  }
  return findings;
}
