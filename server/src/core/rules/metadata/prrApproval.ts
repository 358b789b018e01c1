// The production readiness approval check upstream CI runs (pkg/kepval ValidatePRR): for a KEP
// whose status is implementable or implemented and whose latest-milestone is v1.21 or later
// (read as a tolerant semantic version, so "0.0" and older releases are exempt), latest-milestone
// and stage must be set, keps/prod-readiness/<owning-sig>/<kep-number>.yaml must exist and be
// valid, hold a block for the KEP's stage, and that block's approver (without `@`) must be a
// production readiness approver from OWNERS_ALIASES.
import { STAGE_VALUES } from '../../kep/kepSchema';
import { textOf } from '../../kep/kepYaml';
import { prrRequirement } from '../../kep/milestones';
import type { PrrStage } from '../../kep/prrApproval';
import type { Range } from '../../text/positions';
import type { RuleFinding } from '../rule';
import type { KepYamlContext, MetadataRule } from './metadataRule';
import { checkShape } from '../../kep/schemaShape';

const PRR_STATUSES = new Set(['implementable', 'implemented']);

/** A new approval file: the KEP's number and an empty block for its stage, for the approver to fill. */
export function approvalFileText(kepNumber: string, stage: string): string {
  return [
    '# The production readiness approver for each stage: one of prod-readiness-approvers in OWNERS_ALIASES.',
    `kep-number: ${/^\d+$/.test(kepNumber) ? kepNumber : JSON.stringify(kepNumber)}`,
    `${stage}:`,
    '  approver: ""',
    '',
  ].join('\n');
}

function check(ctx: KepYamlContext): RuleFinding[] {
  const { kep } = ctx;
  const status = kep.status?.text;
  if (!kep.status || !status || !PRR_STATUSES.has(status)) return [];
  const findings: RuleFinding[] = [];
  const statusRange = kep.status.valueRange;
  const latest = textOf(kep.latestMilestone);
  const stage = textOf(kep.stage);
  const because = `This KEP is '${status}', so upstream CI runs the production readiness check`;
  if (!latest) {
    findings.push({
      range: kep.latestMilestone?.keyRange ?? statusRange,
      message: `${because} and needs latest-milestone ("missing the latest milestone field"). Set it to the release being worked on, for example latest-milestone: "v1.NN".`,
    });
  }
  if (!stage) {
    findings.push({
      range: kep.stage?.keyRange ?? statusRange,
      message: `${because} and needs a stage ("missing the stage field"). Set the stage the KEP is aiming for in this release: alpha, beta or stable (or deprecated, disabled, removed).`,
    });
  }
  if (!latest || !stage) return findings;
  const requirement = prrRequirement(latest);
  const latestRange = kep.latestMilestone?.valueRange ?? statusRange;
  if (requirement === 'unreadable') {
    findings.push({
      range: latestRange,
      message: `${because}, which cannot read latest-milestone '${latest}' as a release ("creating a SemVer object for latest milestone"). Write it as "v1.NN".`,
    });
    return findings;
  }
  if (requirement === 'exempt' || !STAGE_VALUES.includes(stage)) return findings;
  const lookup = ctx.prrFile();
  if (!lookup) return findings;
  const stageRange: Range = kep.stage?.valueRange ?? statusRange;
  const needs = `${because} (latest-milestone ${latest} is v1.21 or later)`;
  const block = `${stage}: {approver: "@…"}`;
  if (!lookup.approval && lookup.unreadable) {
    findings.push({
      range: stageRange,
      message: `${needs}, and the approval file ${lookup.relativePath} is there but could not be read (too large, not a regular file, or a link out of the checked tree), so its approval cannot be checked. Make it a plain YAML file with kep-number: ${textOf(kep.kepNumber)} and a block \`${block}\`.`,
    });
    return findings;
  }
  if (!lookup.approval) {
    findings.push({
      range: stageRange,
      message: `${needs}, but the approval file ${lookup.relativePath} does not exist ("no such file or directory"). Create it with kep-number: ${textOf(kep.kepNumber)} and a block \`${block}\` naming a production readiness approver.`,
      fix: {
        title: `Create ${lookup.relativePath} with a '${stage}' block`,
        changes: [],
        createFiles: [{ path: lookup.path, text: approvalFileText(textOf(kep.kepNumber) ?? '', stage) }],
      },
    });
    return findings;
  }
  const approval = lookup.approval;
  const doc = approval.document;
  const broken = [
    ...doc.syntax.filter((p) => p.severity === 'error').map((p) => p.message),
    ...doc.duplicates.map((p) => `mapping key "${p.key}" already defined`),
    ...checkShape(doc, 'prr').map((p) => p.upstream),
  ];
  if (broken.length) {
    findings.push({
      range: stageRange,
      message: `${needs}, but it cannot read ${lookup.relativePath} ("parsing PRR": ${broken[0]}${broken.length > 1 ? ` and ${broken.length - 1} more` : ''}). Fix that file.`,
    });
    return findings;
  }
  const blocks = [...approval.blocks.values()].filter((b) => b.present);
  const own = approval.blocks.get(stage as PrrStage);
  if (!blocks.length || !own?.present) {
    const upstream = blocks.length ? 'the selected PRR milestone stage is not populated' : 'none of the PRR milestones are populated';
    findings.push({
      range: stageRange,
      message: `${needs}, but ${lookup.relativePath} has no '${stage}' block ("${upstream}"). Add \`${block}\` there with the production readiness approver for this stage, or correct the stage.`,
    });
    return findings;
  }
  const approver = own.approver?.text ?? '';
  if (!approver) {
    findings.push({ range: stageRange, message: `${needs}, but the '${stage}' approver in ${lookup.relativePath} is empty ("PRR approver cannot be empty").` });
    return findings;
  }
  const name = approver.startsWith('@') ? approver.slice(1) : approver;
  const approvers = ctx.facts.prrApprovers();
  if (!approvers.names.has(name)) {
    const list = [...approvers.names].sort();
    findings.push({
      range: stageRange,
      message: `${needs}, but the '${stage}' approver in ${lookup.relativePath}, '${approver}', is not a production readiness approver ("this contributor (${name}) is not a PRR approver"). Ask one of: ${list.join(', ')}.`,
    });
  }
  return findings;
}

export const prrApproval: MetadataRule = {
  id: 'prr-approval',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'The production readiness approval that upstream CI requires for implementable/implemented KEPs from v1.21 on is missing or invalid.',
  checkKepYaml: check,
};
