// What a KEP's stage requires (kep-facts §2): which production readiness (PRR) sections must be
// answered, which are only encouraged, and which kep.yaml fields must be set. Shared by the README
// rule (stage-prr-answer) and the kep.yaml rule (stage-required-fields).
//
// Stage requirements apply only where the process asks for them:
// - the stage is alpha, beta or stable (deprecated, disabled and removed ask for nothing here;
//   provisional KEPs without a stage get nothing);
// - latest-milestone reads as v1.21 or later, as upstream CI reads it (tolerant semver): KEPs with
//   the legacy "0.0", an older release, no latest-milestone or an unreadable one predate the
//   questionnaire (or cannot be placed) and get no stage findings;
// - a question the template gained later (the node resource exhaustion question, template change of
//   2023-01, the v1.27 cycle) applies only from that release on.
// Finished KEPs (implemented, withdrawn, …) still get the findings, toned down to information by
// the analysis (the rules are quietWhenFinished), as the noise budget asks.
import { FINISHED_STATUSES } from './kepMetadata';
import { textOf, type KepYaml } from './kepYaml';
import { compareSemver, parseSemverTolerant, PRR_REQUIRED_FROM, type SemVer } from './milestones';
import { sectionKey } from '../markdown/sectionKey';

export const PRR_STAGES = ['alpha', 'beta', 'stable'] as const;
export type PrrStage = (typeof PRR_STAGES)[number];

export type Requirement = 'required' | 'encouraged';

export interface StageFacts {
  stage: PrrStage;
  status: string;
  latestMilestone: SemVer;
  /** implemented, withdrawn, replaced, rejected, deferred: findings are toned down. */
  finished: boolean;
}

const RANK: Record<PrrStage, number> = { alpha: 0, beta: 1, stable: 2 };

/** From which stage a PRR section is required, and from which one it is encouraged. */
const SECTION_STAGES: Record<string, { required: PrrStage; encouraged?: PrrStage }> = {
  featureenablementandrollback: { required: 'alpha' },
  scalability: { required: 'beta', encouraged: 'alpha' },
};
/** Every other PRR section (present and future) is required from beta on. */
const DEFAULT_SECTION_STAGE: { required: PrrStage; encouraged?: PrrStage } = { required: 'beta' };

/** Questions the template gained after v1.21, with the first release that asks them. */
const QUESTION_SINCE = new Map<string, SemVer>([
  [
    sectionKey('Can enabling / using this feature result in resource exhaustion of some node resources (PIDs, sockets, inodes, etc.)?'),
    { major: 1, minor: 27, patch: 0, prerelease: [] },
  ],
]);

/** The stage requirements that apply to a KEP, or undefined when none do (see the file comment). */
export function stageFacts(kep: KepYaml | undefined): StageFacts | undefined {
  if (!kep) return undefined;
  const stage = textOf(kep.stage);
  if (!(PRR_STAGES as readonly string[]).includes(stage)) return undefined;
  const latest = textOf(kep.latestMilestone);
  const version = latest ? parseSemverTolerant(latest) : undefined;
  if (!version || compareSemver(version, PRR_REQUIRED_FROM) < 0) return undefined;
  const status = textOf(kep.status);
  return { stage: stage as PrrStage, status, latestMilestone: version, finished: FINISHED_STATUSES.has(status) };
}

export function atLeast(stage: PrrStage, from: PrrStage): boolean {
  return RANK[stage] >= RANK[from];
}

/** Whether a PRR section (by its template key) is required or encouraged at a stage. */
export function sectionRequirement(key: string, stage: PrrStage): Requirement | undefined {
  const stages = SECTION_STAGES[key] ?? DEFAULT_SECTION_STAGE;
  if (atLeast(stage, stages.required)) return 'required';
  if (stages.encouraged && atLeast(stage, stages.encouraged)) return 'encouraged';
  return undefined;
}

/** Whether a question (by its template key) is asked of a KEP with this latest-milestone. */
export function questionApplies(key: string, latestMilestone: SemVer): boolean {
  const since = QUESTION_SINCE.get(key);
  return !since || compareSemver(latestMilestone, since) >= 0;
}

/** kep.yaml fields a stage requires: feature-gates (or the README's "Other" mechanism) and disable-supported from alpha, metrics from beta. */
export const FIELD_STAGES = {
  featureGates: 'alpha',
  disableSupported: 'alpha',
  metrics: 'beta',
} as const satisfies Record<string, PrrStage>;

/** "Required for beta" / "Encouraged for alpha": how stage findings start. */
export function requirementLead(requirement: Requirement, stage: PrrStage): string {
  return `${requirement === 'required' ? 'Required' : 'Encouraged'} for ${stage}`;
}

/** kep.yaml's metrics as stage-required-fields reads them: nothing but blank entries, and not a key of another shape. */
export function metricsMissing(kep: KepYaml): boolean {
  return !(kep.metrics?.items ?? []).some((m) => m.text.trim()) && !(kep.metrics && kep.metrics.items === undefined);
}

/**
 * Which kep.yaml fields stage-required-fields reports as missing for this KEP. Rules on the README
 * that see the same gap (disable-supported-mismatch, metric-not-in-kep-yaml) leave it to that one
 * finding, on kep.yaml.
 */
export function stageReportsMissing(kep: KepYaml, field: 'disableSupported' | 'metrics'): boolean {
  const facts = stageFacts(kep);
  if (!facts || !kep.stage || !atLeast(facts.stage, FIELD_STAGES[field])) return false;
  return field === 'metrics' ? metricsMissing(kep) : !kep.disableSupported?.text?.trim();
}
