// A KEP lives in the folder of the group that owns it: keps/<owning-sig>/<number>-<name>/.
// Upstream finds the approval file by owning-sig, so a KEP filed under the wrong group, or an
// owning-sig that was not updated after a move, sends the production readiness check elsewhere.
// Folders that are not community groups (keps/provider-aws) are not compared.
import { textOf } from '../../kep/kepYaml';
import { BUNDLED_GROUPS } from '../../kep/workspaceFacts';
import type { MetadataRule } from './metadataRule';

const GROUP_FOLDER = /^(sig|wg|ug|committee)-/;

export const owningSigFolder: MetadataRule = {
  id: 'owning-sig-folder',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'owning-sig differs from the keps/<sig>/ folder the KEP sits in.',
  checkKepYaml(ctx) {
    const { group, isTemplate } = ctx.folder;
    const sig = textOf(ctx.kep.owningSig);
    if (isTemplate || !group || !sig || sig === group || !ctx.kep.owningSig) return [];
    if (!GROUP_FOLDER.test(group) && !BUNDLED_GROUPS.includes(group)) return [];
    return [
      {
        range: ctx.kep.owningSig.valueRange,
        message: `owning-sig is '${sig}' but the KEP sits in keps/${group}/: move the KEP folder under keps/${sig}/ or set owning-sig: ${group}. Upstream looks for the approval file under keps/prod-readiness/${sig}/.`,
      },
    ];
  },
};
