// The README answers "Can the feature be disabled once it has been enabled…?" and the template asks
// to "also set `disable-supported` to `true` or `false` in `kep.yaml`": kep.yaml must say it too,
// and say the same thing when the answer starts with "Yes" or "No" (except `false` at stable: the
// gate is locked on at GA, while the README's answer was written for alpha or beta).
import { lineRange } from '../text/positions';
import { DISABLE_QUESTION_KEY } from '../kep/prrFacts';
import { answerOf } from '../kep/prrAnswers';
import { leadingYesNo } from '../kep/readmeText';
import type { Rule } from './rule';
import { stageReportsMissing } from '../kep/stageRequirements';

/** A kep.yaml boolean as upstream's YAML reader takes it (YAML 1.1 spellings included). */
export function yamlBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', 'y', 'on'].includes(t)) return true;
  if (['false', 'no', 'n', 'off'].includes(t)) return false;
  return undefined;
}

export const disableSupportedMismatch: Rule = {
  id: 'disable-supported-mismatch',
  defaultSeverity: 'warning',
  description: "The README answers whether the feature can be disabled, but kep.yaml's disable-supported is missing or says otherwise.",
  quietWhenFinished: true,
  check(ctx) {
    const kep = ctx.kepYaml;
    const section = ctx.prr().question(DISABLE_QUESTION_KEY)?.section;
    if (!kep || !section) return [];
    const answer = answerOf(ctx, section);
    if (answer.state !== 'answered') return [];
    const yesNo = leadingYesNo(answer.text);
    const says = yesNo === 'yes' ? 'Yes' : yesNo === 'no' ? 'No' : undefined;
    const range = lineRange(section.heading.line, ctx.index.line(section.heading.line));
    const written = kep.disableSupported?.text?.trim();
    if (!written) {
      // Where the stage requires the field, stage-required-fields reports its absence on kep.yaml.
      if (stageReportsMissing(kep, 'disableSupported')) return [];
      const value = says === 'Yes' ? 'true' : says === 'No' ? 'false' : 'true or false';
      return [
        {
          range,
          message: `The README answers this question${says ? ` ('${says}')` : ''}, but kep.yaml does not set disable-supported: add disable-supported: ${value} there.`,
        },
      ];
    }
    const value = yamlBoolean(written);
    if (value === undefined || !says || value === (says === 'Yes')) return [];
    // A stable feature whose gate is locked on can no longer be disabled, although the README's
    // answer (written for alpha or beta) says it could.
    if (!value && ctx.kepYaml?.stage?.text?.trim() === 'stable') return [];
    return [
      {
        range,
        message: `The README answers '${says}' here, but kep.yaml says disable-supported: ${written}. Make them agree.`,
      },
    ];
  },
};
