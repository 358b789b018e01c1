// Which YAML files get metadata checks: a KEP's kep.yaml and the production readiness approval
// files, except the template's own examples, which are not KEPs.
import { isInTemplateFolder } from '../model/kepLocation';
import type { WorkspaceFiles } from '../model/workspace';
import type { Finding } from '../rules/rule';
import type { AnalysisSettings } from './analysis';
import { analyzeKepYaml, analyzePrrApproval, isKepYamlPath, isPrrApprovalPath } from './metadataAnalysis';

export function isCheckedMetadataFile(path: string): boolean {
  if (isKepYamlPath(path)) return !isInTemplateFolder(path);
  return isPrrApprovalPath(path) && !/\/prod-readiness\/template\//.test(path);
}

/** Findings for a metadata file, or undefined when the path is not one. */
export function analyzeMetadataFile(path: string, text: string, files: WorkspaceFiles, settings: AnalysisSettings): Finding[] | undefined {
  if (!isCheckedMetadataFile(path)) return undefined;
  return isKepYamlPath(path) ? analyzeKepYaml(path, text, files, settings) : analyzePrrApproval(path, text, files, settings);
}
