// Which YAML files get metadata checks: a KEP's kep.yaml and the production readiness approval
// files, except the template's own examples, which are not KEPs.
import { isInTemplateFolder } from '../model/kepLocation';
import type { WorkspaceFiles } from '../model/workspace';
import type { Finding } from '../rules/rule';
import { inputProblem, MAX_METADATA_CHARS, splitAllLines, type InputProblem } from '../model/limits';
import { inputProblemFindings, type AnalysisSettings } from './analysis';
import { analyzeKepYaml, analyzePrrApproval, isKepYamlPath, isPrrApprovalPath } from './metadataAnalysis';

export function isCheckedMetadataFile(path: string): boolean {
  if (isKepYamlPath(path)) return !isInTemplateFolder(path);
  return isPrrApprovalPath(path) && !/\/prod-readiness\/template\//.test(path);
}

/** Why a metadata file cannot be analysed (too large, not text), or undefined when it can. */
export function metadataInputProblem(text: string): InputProblem | undefined {
  if (text.length > MAX_METADATA_CHARS) return { kind: 'too-large', size: text.length, limit: MAX_METADATA_CHARS, unit: 'characters' };
  return inputProblem(splitAllLines(text), MAX_METADATA_CHARS);
}

/**
 * Findings for a metadata file, or undefined when the path is not one. A file too large or not text
 * gets the one input-limit finding instead.
 */
export function analyzeMetadataFile(path: string, text: string, files: WorkspaceFiles, settings: AnalysisSettings): Finding[] | undefined {
  if (!isCheckedMetadataFile(path)) return undefined;
  const problem = metadataInputProblem(text);
  if (problem) return inputProblemFindings(path, 'metadata', problem, settings);
  return isKepYamlPath(path) ? analyzeKepYaml(path, text, files, settings) : analyzePrrApproval(path, text, files, settings);
}
