// Which YAML files get metadata checks: a KEP's kep.yaml and the production readiness approval
// files, except the template's own examples, which are not KEPs.
import { isInTemplateFolder } from '../kep/kepLocation';
import type { WorkspaceFiles } from '../workspace/files';
import type { Finding } from '../rules/rule';
import { inputProblem, MAX_METADATA_CHARS, MAX_README_CHARS, splitAllLines, type InputProblem } from '../text/limits';
import { inputProblemFindings, type AnalysisSettings } from './analysis';
import { analyzeKepYaml, analyzePrrApproval, isKepYamlPath, isPrrApprovalPath } from './metadataAnalysis';

export function isCheckedMetadataFile(path: string): boolean {
  if (isKepYamlPath(path)) return !isInTemplateFolder(path);
  return isPrrApprovalPath(path) && !/\/prod-readiness\/template\//.test(path);
}

/**
 * The workspace as the metadata checks see it: another file over its size limit (a README the
 * kep.yaml checks read for gates and the title, a PRR file they look up) reads as absent, so a huge
 * neighbour cannot slow down the analysis of a small file. Its own finding says why.
 */
export function withinLimits<T extends WorkspaceFiles>(files: T): T {
  const limited: WorkspaceFiles = {
    readText(path) {
      const text = files.readText(path);
      const limit = /\.(md|markdown)$/i.test(path) ? MAX_README_CHARS : MAX_METADATA_CHARS;
      return text !== undefined && text.length > limit ? undefined : text;
    },
    exists: (path) => files.exists(path),
  };
  if (files.listDirectory) limited.listDirectory = (path) => files.listDirectory!(path);
  return limited as T;
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
  const limited = withinLimits(files);
  return isKepYamlPath(path) ? analyzeKepYaml(path, text, limited, settings) : analyzePrrApproval(path, text, limited, settings);
}
