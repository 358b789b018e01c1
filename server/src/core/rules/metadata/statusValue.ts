// `status` must be one of the seven statuses the KEP process defines. Upstream CI does not check
// the set (only `kepctl create` does), but a misspelt status silently turns the production
// readiness check off, so a value outside the set is an error.
import { STATUS_VALUES } from '../../kep/kepSchema';
import type { MetadataRule } from './metadataRule';
import { didYouMean, oneLine } from './util';

export const statusValue: MetadataRule = {
  id: 'status-value',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'status is not one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced.',
  checkKepYaml(ctx) {
    const status = ctx.kep.status;
    const value = status?.text;
    if (!status?.scalar || !value || STATUS_VALUES.includes(value)) return [];
    const choices = value.includes('|') && value.split('|').every((v) => STATUS_VALUES.includes(v.trim()));
    const hint = choices ? " This is the template's list of choices: keep the one that applies." : didYouMean(value, STATUS_VALUES);
    return [
      {
        range: status.valueRange,
        message:
          `Status '${oneLine(value)}' is not one the KEP process defines (${STATUS_VALUES.join(', ')}).${hint}` +
          ' kepctl rejects it, and upstream CI skips the production readiness check for it.',
      },
    ];
  },
};
