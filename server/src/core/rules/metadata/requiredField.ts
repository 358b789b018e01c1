// Fields upstream requires: in kep.yaml title, kep-number, authors, owning-sig, approvers and
// status; in an approval file kep-number, and approver in every stage block that is written.
// Required means a non-empty value for text and a present list for lists (upstream accepts `[]`).
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import type { ShapeProblem } from '../../kep/schemaShape';

const EXAMPLES: Record<string, string> = {
  title: 'title: Short descriptive title',
  'kep-number': 'kep-number: "1234"',
  authors: 'authors: ["@your-handle"]',
  'owning-sig': 'owning-sig: sig-xyz',
  approvers: 'approvers: ["@approver-handle"]',
  status: 'status: provisional',
  approver: 'approver: "@prr-approver-handle"',
};

function findings(problems: ShapeProblem[], what: string): RuleFinding[] {
  return problems
    .filter((p) => p.kind === 'required')
    .map((p) => {
      const where = p.path.includes('.') ? ` in '${p.path.split('.').slice(0, -1).join('.')}'` : '';
      const example = EXAMPLES[p.key] ? ` (for example \`${EXAMPLES[p.key]}\`)` : '';
      return {
        range: p.range,
        message: p.absent
          ? `Required field '${p.key}' is missing${where}: upstream CI fails validating ${what} ("${p.upstream}"). Add it${example}.`
          : `Required field '${p.key}' is empty: upstream CI fails validating ${what} ("${p.upstream}"). Give it a value${example}.`,
      };
    });
}

export const requiredField: MetadataRule = {
  id: 'required-field',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'A field upstream requires is missing or empty.',
  checkKepYaml: (ctx) => findings(ctx.shape(), 'the KEP'),
  // The template (keps/prod-readiness/template/nnnn.yaml) has an empty approver on purpose.
  checkPrrApproval: (ctx) => (ctx.isTemplate ? [] : findings(ctx.shape(), 'the approval file')),
};
