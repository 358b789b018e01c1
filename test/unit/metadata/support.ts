// Fixtures for the metadata tests: a small enhancements checkout in memory, with a kep.yaml that
// passes every rule, its README, its approval file and an OWNERS_ALIASES.
import type { Fix, Finding } from '../../../server/src/core/rules/rule';
import { InMemoryWorkspace } from '../../../server/src/core/workspace/files';
import type { ListingWorkspaceFiles } from '../../../server/src/core/kep/workspaceFacts';
import type { AnalysisSettings } from '../../../server/src/core/features/analysis';
import { analyzeKepYaml, analyzePrrApproval } from '../../../server/src/core/features/metadataAnalysis';

export const ROOT = '/ws';
export const KEP_DIR = `${ROOT}/keps/sig-node/1234-my-feature`;
export const KEP_YAML = `${KEP_DIR}/kep.yaml`;
export const README = `${KEP_DIR}/README.md`;
export const PRR = `${ROOT}/keps/prod-readiness/sig-node/1234.yaml`;
export const OWNERS_ALIASES = `${ROOT}/OWNERS_ALIASES`;

export const GOOD_KEP = `title: My feature
kep-number: 1234
authors:
  - "@alice"
owning-sig: sig-node
participating-sigs:
  - sig-api-machinery
status: implementable
creation-date: 2025-01-31
last-updated: "2025-06-30"
reviewers:
  - "@bob"
approvers:
  - "@carol" # sig-node-assigned-approver
see-also:
  - "/keps/sig-node/1000-other"
replaces: []
stage: beta
latest-milestone: "v1.34"
milestone:
  alpha: "v1.33"
  beta: "v1.34"
  stable: "v1.36"
feature-gates:
  - name: MyFeature
    components:
      - kube-apiserver
      - kubelet
disable-supported: true
metrics:
  - my_feature_requests_total
`;

export const GOOD_PRR = `# The KEP must have an approver from the "prod-readiness-approvers" group.
kep-number: 1234
alpha:
  approver: "@johnbelamaric"
beta:
  approver: "@newcomer"
`;

export const GOOD_README = `# KEP-1234: My feature

<!-- toc -->
<!-- /toc -->

## Summary
`;

export const ALIASES = `aliases:
  sig-node-leads:
    - someone
  prod-readiness-approvers:
    - johnbelamaric
    - newcomer
  prod-readiness-approvers-emeritus:
    - ehashman
`;

/** InMemoryWorkspace with the optional folder listing. */
export class ListingWorkspace extends InMemoryWorkspace implements ListingWorkspaceFiles {
  constructor(private readonly paths: Map<string, string> = new Map()) {
    super(paths);
  }
  listDirectory(dir: string): string[] | undefined {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    const names = new Set<string>();
    for (const p of this.paths.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return names.size ? [...names] : undefined;
  }
}

export interface WorkspaceOptions {
  kepYaml?: string;
  readme?: string | null;
  prr?: string | null;
  aliases?: string | null;
  extra?: Record<string, string>;
}

export function workspace(options: WorkspaceOptions = {}): ListingWorkspace {
  const ws = new ListingWorkspace();
  ws.set(KEP_YAML, options.kepYaml ?? GOOD_KEP);
  if (options.readme !== null) ws.set(README, options.readme ?? GOOD_README);
  if (options.prr !== null) ws.set(PRR, options.prr ?? GOOD_PRR);
  if (options.aliases !== null) ws.set(OWNERS_ALIASES, options.aliases ?? ALIASES);
  for (const [p, t] of Object.entries(options.extra ?? {})) ws.set(p, t);
  return ws;
}

export function lintKep(text: string, options: WorkspaceOptions & { path?: string; settings?: AnalysisSettings } = {}): Finding[] {
  const path = options.path ?? KEP_YAML;
  const ws = workspace({ ...options, kepYaml: text });
  if (path !== KEP_YAML) ws.set(path, text);
  return analyzeKepYaml(path, text, ws, options.settings ?? { rules: {} });
}

export function lintPrr(text: string, options: WorkspaceOptions & { path?: string; settings?: AnalysisSettings } = {}): Finding[] {
  const path = options.path ?? PRR;
  const ws = workspace({ ...options, prr: text });
  if (path !== PRR) ws.set(path, text);
  return analyzePrrApproval(path, text, ws, options.settings ?? { rules: {} });
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.severity} ${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + character;
}

/** Applies a fix's edits (non-overlapping) to a text. */
export function applyFix(text: string, fix: Fix): string {
  const edits = fix.changes
    .map((c) => ({
      start: offsetAt(text, c.range.start.line, c.range.start.character),
      end: offsetAt(text, c.range.end.line, c.range.end.character),
      text: c.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The text a finding's range covers. */
export function covered(text: string, f: Finding): string {
  return text.slice(offsetAt(text, f.range.start.line, f.range.start.character), offsetAt(text, f.range.end.line, f.range.end.character));
}
