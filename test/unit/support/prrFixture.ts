// A small enhancements checkout in memory for the cross-file and stage tests: a template with a
// production readiness questionnaire (a few of the real questions, with their real wording), a KEP
// README that answers every question, and a kep.yaml that agrees with it. Each test breaks one.
import { MarkdownIndex } from '../../../server/src/core/markdown/markdownIndex';
import { InMemoryWorkspace } from '../../../server/src/core/workspace/files';
import type { Finding, Fix } from '../../../server/src/core/rules/rule';
import { KepAnalyzer, type AnalysisSettings } from '../../../server/src/core/features/analysis';
import { analyzeKepYaml } from '../../../server/src/core/features/metadataAnalysis';

export const ROOT = '/ws';
export const KEP_DIR = `${ROOT}/keps/sig-node/1234-my-feature`;
export const README = `${KEP_DIR}/README.md`;
export const KEP_YAML = `${KEP_DIR}/kep.yaml`;
export const TEMPLATE = `${ROOT}/keps/NNNN-kep-template/README.md`;

export const Q = {
  enable: 'How can this feature be enabled / disabled in a live cluster?',
  disable: 'Can the feature be disabled once it has been enabled (i.e. can we roll back the enablement)?',
  slo: 'What are the reasonable SLOs (Service Level Objectives) for the enhancement?',
  sli: 'What are the SLIs (Service Level Indicators) an operator can use to determine the health of the service?',
  apiCalls: 'Will enabling / using this feature result in any new API calls?',
  exhaustion: 'Can enabling / using this feature result in resource exhaustion of some node resources (PIDs, sockets, inodes, etc.)?',
} as const;

export const TEMPLATE_TEXT = `# KEP-NNNN: Your short, descriptive title

## Summary

## Production Readiness Review Questionnaire

### Feature Enablement and Rollback

###### ${Q.enable}

###### ${Q.disable}

### Monitoring Requirements

###### ${Q.slo}

###### ${Q.sli}

### Scalability

###### ${Q.apiCalls}

###### ${Q.exhaustion}

## Implementation History
`;

/** The template's scaffold for the enablement question, untouched. */
export const ENABLE_SCAFFOLD = `<!--
Pick one of these and delete the rest.
-->

- [ ] Feature gate (also fill in values in \`kep.yaml\`)
  - Feature gate name:
  - Components depending on the feature gate:
- [ ] Other
  - Describe the mechanism:
  - Will enabling / disabling the feature require downtime of the control
    plane?
  - Will enabling / disabling the feature require downtime or reprovisioning
    of a node?`;

/** The template's scaffold for the SLI question, untouched. */
export const SLI_SCAFFOLD = `- [ ] Metrics
  - Metric name:
  - [Optional] Aggregation method:
  - Components exposing the metric:
- [ ] Other (treat as last resort)
  - Details:`;

export type Answers = Partial<Record<keyof typeof Q, string>>;

export const ANSWERS: Record<keyof typeof Q, string> = {
  enable: `- [x] Feature gate (also fill in values in \`kep.yaml\`)
  - Feature gate name: MyFeature
  - Components depending on the feature gate: kubelet`,
  disable: 'Yes. Turn the gate off and restart the kubelet.',
  slo: '99% of pods start within 5s.',
  sli: `- [x] Metrics
  - Metric name: \`my_feature_requests_total\`
  - Components exposing the metric: kubelet`,
  apiCalls: 'No.',
  exhaustion: 'No.',
};

export interface ReadmeOptions {
  title?: string;
  answers?: Answers;
  /** Text replacing the whole questionnaire body (everything after its heading). */
  questionnaire?: string;
}

export function readme(options: ReadmeOptions = {}): string {
  const a = { ...ANSWERS, ...options.answers };
  const body =
    options.questionnaire ??
    `### Feature Enablement and Rollback

###### ${Q.enable}

${a.enable}

###### ${Q.disable}

${a.disable}

### Monitoring Requirements

###### ${Q.slo}

${a.slo}

###### ${Q.sli}

${a.sli}

### Scalability

###### ${Q.apiCalls}

${a.apiCalls}

###### ${Q.exhaustion}

${a.exhaustion}
`;
  return `# KEP-1234: ${options.title ?? 'My feature'}

## Summary

A summary.

## Production Readiness Review Questionnaire

${body}
## Implementation History

- 2025-01-01: created.
`;
}

export interface YamlOptions {
  title?: string;
  status?: string;
  stage?: string | null;
  latestMilestone?: string | null;
  /** Gate names; [] writes no feature-gates at all. */
  gates?: string[];
  /** The disable-supported value as written; null leaves it out. */
  disableSupported?: string | null;
  /** Metric names; [] writes no metrics at all. */
  metrics?: string[];
}

export function kepYaml(options: YamlOptions = {}): string {
  const lines = [
    `title: ${options.title ?? 'My feature'}`,
    'kep-number: "1234"',
    'authors:',
    '  - "@alice"',
    'owning-sig: sig-node',
    `status: ${options.status ?? 'implementable'}`,
    'approvers:',
    '  - "@carol"',
  ];
  if (options.stage !== null) lines.push(`stage: ${options.stage ?? 'beta'}`);
  if (options.latestMilestone !== null) lines.push(`latest-milestone: "${options.latestMilestone ?? 'v1.34'}"`);
  const gates = options.gates ?? ['MyFeature'];
  if (gates.length) {
    lines.push('feature-gates:');
    for (const g of gates) lines.push(`  - name: ${g}`, '    components:', '      - kubelet');
  }
  if (options.disableSupported !== null) lines.push(`disable-supported: ${options.disableSupported ?? 'true'}`);
  const metrics = options.metrics ?? ['my_feature_requests_total'];
  if (metrics.length) {
    lines.push('metrics:');
    for (const m of metrics) lines.push(`  - ${m}`);
  }
  return lines.join('\n') + '\n';
}

export function workspace(readmeText: string, yamlText: string | null = kepYaml()): InMemoryWorkspace {
  const ws = new InMemoryWorkspace();
  ws.set(README, readmeText);
  ws.set(TEMPLATE, TEMPLATE_TEXT);
  if (yamlText !== null) ws.set(KEP_YAML, yamlText);
  return ws;
}

/** README findings. */
export function lint(readmeText: string, yamlText: string | null = kepYaml(), settings?: AnalysisSettings): readonly Finding[] {
  return new KepAnalyzer(workspace(readmeText, yamlText)).analyze(README, MarkdownIndex.fromText(readmeText), settings);
}

/** kep.yaml findings. */
export function lintYaml(yamlText: string, readmeText: string | null = readme()): Finding[] {
  const ws = workspace(readmeText ?? '', yamlText);
  if (readmeText === null) ws.delete(README);
  return analyzeKepYaml(KEP_YAML, yamlText, ws);
}

export function byRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The text of a finding's line range's first line. */
export function lineOf(text: string, finding: Finding): string {
  return text.split('\n')[finding.range.start.line];
}

/** The text a finding's range covers (single-line ranges). */
export function covered(text: string, finding: Finding): string {
  const line = text.split('\n')[finding.range.start.line];
  return line.slice(finding.range.start.character, finding.range.end.character);
}

/** Applies a fix's changes to a text (changes must not overlap). */
export function applyFix(text: string, fix: Fix): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => {
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const changes = [...fix.changes].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const c of changes) out = out.slice(0, offset(c.range.start)) + c.newText + out.slice(offset(c.range.end));
  return out;
}
