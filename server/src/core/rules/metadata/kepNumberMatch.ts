// One KEP, one number: kep-number, the number that starts the KEP's folder name and the number in
// the README's title (`# KEP-1234: …`) should agree. Upstream names the approval file after
// kep-number, so a mismatch sends the production readiness check to the wrong file.
import { textOf } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';

export const kepNumberMatch: MetadataRule = {
  id: 'kep-number-match',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: "kep-number differs from the folder's number or from the README title's KEP-<number>.",
  checkKepYaml(ctx) {
    const field = ctx.kep.kepNumber;
    const number = textOf(field);
    if (ctx.folder.isTemplate || !field || !number) return [];
    const findings: RuleFinding[] = [];
    const folderNumber = ctx.folder.number;
    if (folderNumber !== undefined && folderNumber !== number) {
      findings.push({
        range: field.valueRange,
        message: `kep-number is ${number} but the KEP folder is ${ctx.folder.name}: they should be the same number${/^0\d/.test(number) || /^0\d/.test(folderNumber) ? ' (without leading zeros)' : ''}.`,
      });
    }
    const title = ctx.readmeTitle();
    if (title && title.number !== number && title.number !== folderNumber) {
      findings.push({
        range: field.valueRange,
        message: `kep-number is ${number} but README.md's title (line ${title.line + 1}) says KEP-${title.number}: make them agree.`,
      });
    }
    return findings;
  },
};
