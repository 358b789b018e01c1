// `stage` must be one of the six stages. Upstream CI fails with "invalid stage" when the KEP
// needs a production readiness approval, and `kepctl create` always; so a value outside the set
// is an error. An empty stage is left to the prr-approval rule (CI only needs it there).
import { STAGE_VALUES } from '../../kep/kepSchema';
import type { MetadataRule } from './metadataRule';
import { didYouMean, oneLine } from './util';

export const stageValue: MetadataRule = {
  id: 'stage-value',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'stage is not one of alpha, beta, stable, deprecated, disabled, removed.',
  checkKepYaml(ctx) {
    const stage = ctx.kep.stage;
    const value = stage?.text;
    if (!stage?.scalar || !value || STAGE_VALUES.includes(value)) return [];
    const choices = value.includes('|') && value.split('|').every((v) => STAGE_VALUES.includes(v.trim()));
    const hint = choices ? " This is the template's list of choices: keep the stage the KEP is aiming for in this release." : didYouMean(value, STAGE_VALUES);
    return [
      {
        range: stage.valueRange,
        message:
          `Stage '${oneLine(value)}' is not one the KEP process defines (${STAGE_VALUES.join(', ')}).${hint}` +
          ` Upstream CI fails with "invalid stage: ${oneLine(value)}" once the KEP needs a production readiness approval.`,
      },
    ];
  },
};
