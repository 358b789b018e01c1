// An approval file is found by its name: keps/prod-readiness/<owning-sig>/<kep-number>.yaml. The
// kep-number written inside should be that same number; a different one means the file was
// copied from another KEP or names a number with leading zeros.
import { textOf } from '../../kep/kepYaml';
import type { MetadataRule } from './metadataRule';

export const prrFileNumber: MetadataRule = {
  id: 'prr-file-number',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'An approval file whose kep-number differs from its file name.',
  checkPrrApproval(ctx) {
    const field = ctx.prr.kepNumber;
    const number = textOf(field);
    if (ctx.isTemplate || !field?.scalar || !number || number === ctx.fileNumber) return [];
    return [
      {
        range: field.valueRange,
        message: `kep-number is ${number} but the file is ${ctx.fileNumber}.yaml: upstream finds this file by the KEP's number, so they should be the same${/^0\d/.test(number) ? ' (without leading zeros)' : ''}.`,
      },
    ];
  },
};
