// Findings for one file of the enhancements sample, read the way kep-lint reads it (settle.ts):
// a README through KepAnalyzer, a kep.yaml through the metadata analysis. Call only inside
// describeWithSample / itWithSample, so that it is skipped without the sample.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE } from './sample';
import { NodeFileSource, toCorePath } from '../../../server/src/node/fileSource';
import { WorkspaceSnapshot } from '../../../server/src/core/workspace/snapshot';
import { settle } from '../../../server/src/core/workspace/settle';
import { KepAnalyzer } from '../../../server/src/core/features/analysis';
import { analyzeKepYaml } from '../../../server/src/core/features/metadataAnalysis';
import type { Finding } from '../../../server/src/core/rules/rule';
import { MarkdownIndex } from '../../../server/src/core/markdown/markdownIndex';
import { sectionsOutline, type SectionsOutline } from '../../../server/src/core/features/sectionsOutline';

/** Findings for `relative` (a path under the sample, e.g. keps/sig-cli/123-x/kep.yaml). */
export async function lintSampleFile(relative: string): Promise<readonly Finding[]> {
  const file = path.join(SAMPLE, relative);
  const corePath = toCorePath(path.resolve(file));
  const text = readFileSync(file, 'utf8');
  const files = new WorkspaceSnapshot();
  const source = new NodeFileSource();
  if (path.basename(file) === 'kep.yaml') return settle(files, source, () => analyzeKepYaml(corePath, text, files));
  const analyzer = new KepAnalyzer(files);
  return (await settle(files, source, () => analyzer.analyzeText(corePath, text))) ?? [];
}

/** "line rule severity" of each finding (1-based lines), for compact assertions. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.rule} ${f.severity}`);
}

/** The sections outline (sections view, status bar) of a README of the sample. */
export async function sampleOutline(relative: string): Promise<SectionsOutline | undefined> {
  const file = path.join(SAMPLE, relative);
  const corePath = toCorePath(path.resolve(file));
  const index = MarkdownIndex.fromText(readFileSync(file, 'utf8'));
  const files = new WorkspaceSnapshot();
  const analyzer = new KepAnalyzer(files);
  return settle(files, new NodeFileSource(), () => {
    const ctx = analyzer.context(corePath, index);
    return ctx ? sectionsOutline(ctx) : undefined;
  });
}
