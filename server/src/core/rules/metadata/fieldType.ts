// Values of the wrong shape: a mapping or list where text belongs, text where a list belongs,
// `"true"` in quotes for a boolean. Upstream's decoder rejects them ("cannot unmarshal …").
// Any scalar is fine for a text field: `kep-number: 1234` is read as the text "1234".
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import type { ShapeProblem } from '../../kep/schemaShape';

function findings(problems: ShapeProblem[]): RuleFinding[] {
  return problems.filter((p) => p.kind === 'type').map((p) => ({ range: p.range, message: `${p.detail}: upstream CI fails with "${p.upstream}".` }));
}

export const fieldType: MetadataRule = {
  id: 'field-type',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'A value of the wrong shape (a mapping where text belongs, text where a list belongs…); upstream rejects the file.',
  checkKepYaml: (ctx) => findings(ctx.shape()),
  checkPrrApproval: (ctx) => findings(ctx.shape()),
};
