// The milestone of the KEP's current stage: `milestone.<stage>` should say when the KEP reached
// (or is planned to reach) the stage it is at, and that release cannot be later than
// latest-milestone, the most recent release worked on. Only for KEPs being worked on
// (implementable) and implemented ones, and not for the legacy latest-milestone "0.0".
import { STAGE_VALUES } from '../../kep/kepSchema';
import { textOf } from '../../kep/kepYaml';
import { compareMilestones, formatMilestone, isLegacyMilestone, parseMilestoneLoose } from '../../kep/milestones';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';

const ACTIVE = new Set(['implementable', 'implemented']);

export const milestoneStage: MetadataRule = {
  id: 'milestone-stage',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'milestone.<stage> is missing for the current stage, or later than latest-milestone.',
  checkKepYaml(ctx) {
    const { kep } = ctx;
    const stage = textOf(kep.stage);
    const latestText = textOf(kep.latestMilestone);
    if (!ACTIVE.has(kep.status?.text ?? '') || !STAGE_VALUES.includes(stage) || !kep.stage || isLegacyMilestone(latestText)) return [];
    if (kep.milestone && kep.milestone.entry.value.kind !== 'map' && !(kep.milestone.entry.value.kind === 'scalar' && kep.milestone.entry.value.isNull))
      return [];
    const field = kep.milestone?.stages.get(stage);
    const value = textOf(field);
    const findings: RuleFinding[] = [];
    if (!field || !value) {
      findings.push({
        range: field ? field.keyRange : kep.stage.valueRange,
        message: `The stage is ${stage}, but milestone.${stage} is not set: add \`${stage}: "v1.NN"\` under milestone with the release in which the KEP reaches ${stage}.`,
      });
      return findings;
    }
    const at = parseMilestoneLoose(value);
    const latest = parseMilestoneLoose(latestText);
    if (at && latest && compareMilestones(at, latest) > 0) {
      findings.push({
        range: field.valueRange,
        message: `milestone.${stage} (${formatMilestone(at)}) is later than latest-milestone (${formatMilestone(latest)}), yet ${stage} is the current stage: latest-milestone should be the release being worked on. Raise latest-milestone or correct milestone.${stage}.`,
      });
    }
    return findings;
  },
};
