// Releases are written "v1.NN", in quotes. A bare `1.20` is the number 1.2 to most YAML readers
// (upstream's Go reads the text, but other tools do not), and `1.20` / `v1.20.0` mean the same
// release written differently: the fix rewrites them as "v1.20". The legacy "0.0" in
// latest-milestone is explained, not flagged: it keeps old KEPs out of the production readiness
// check on purpose.
import type { TextField } from '../../kep/kepYaml';
import { formatMilestone, isLegacyMilestone, parseMilestone, parseMilestoneLoose } from '../../kep/milestones';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { oneLine } from './util';

function checkField(field: TextField | undefined, label: string, latest: boolean): RuleFinding | undefined {
  const scalar = field?.scalar;
  const value = field?.text?.trim();
  if (!field || !scalar || !value) return undefined;
  if (parseMilestone(value)) return undefined;
  // A stage not planned yet: "TBD" is an honest answer for a later stage's release.
  if (!latest && /^tbd$/i.test(value)) return undefined;
  if (isLegacyMilestone(value)) {
    if (latest) {
      return {
        range: field.valueRange,
        severity: 'hint',
        message:
          'latest-milestone \'0.0\' is the legacy value that keeps an old KEP out of the production readiness check (upstream reads it as older than v1.21). When work on this KEP resumes, set the release being worked on, e.g. "v1.NN".',
      };
    }
    return { range: field.valueRange, message: `${label} '0.0' is not a release. Write the release as "v1.NN", or remove the entry.` };
  }
  const loose = parseMilestoneLoose(value);
  if (loose) {
    const fixed = formatMilestone(loose);
    const why = scalar.style === 'plain' && /^\d+\.\d+$/.test(value) ? ` Unquoted, ${value} is a number to most YAML readers (${Number(value)}).` : '';
    return {
      range: field.valueRange,
      message: `Write ${label} as "${fixed}" (releases are written "v1.NN", in quotes), not '${value}'.${why}`,
      fix: { title: `Change to "${fixed}"`, changes: [{ range: scalar.range, newText: `"${fixed}"` }] },
    };
  }
  return { range: field.valueRange, message: `${label} '${oneLine(value)}' is not a release: write it as "v1.NN" (for example "v1.34").` };
}

export const milestoneFormat: MetadataRule = {
  id: 'milestone-format',
  defaultSeverity: 'warning',
  quietWhenFinished: true,
  description: 'A milestone not written "v1.NN" (the legacy latest-milestone "0.0" is explained as a hint).',
  checkKepYaml(ctx) {
    const findings: RuleFinding[] = [];
    const latest = checkField(ctx.kep.latestMilestone, 'latest-milestone', true);
    if (latest) findings.push(latest);
    for (const [stage, field] of ctx.kep.milestone?.stages ?? []) {
      const f = checkField(field, `milestone.${stage}`, false);
      if (f) findings.push(f);
    }
    return findings;
  },
};
