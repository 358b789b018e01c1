// `TBD` stands in for reviewers and approvers while a KEP is provisional. Once the KEP is
// implementable, the people who reviewed and approved it should be named.
import type { ListField } from '../../kep/kepYaml';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';

function tbd(field: ListField | undefined, role: string): RuleFinding[] {
  return (field?.items ?? [])
    .filter((s) => !s.isNull && s.text.trim().toUpperCase() === 'TBD')
    .map((s) => ({
      range: s.range,
      message: `This KEP is implementable but still lists 'TBD' among its ${role}: name the ${role} who signed off (as "@handle"), or remove the entry.`,
    }));
}

export const tbdReviewers: MetadataRule = {
  id: 'tbd-reviewers',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'TBD left in reviewers or approvers of an implementable KEP.',
  checkKepYaml(ctx) {
    if (ctx.kep.status?.text !== 'implementable') return [];
    return [...tbd(ctx.kep.reviewers, 'reviewers'), ...tbd(ctx.kep.approvers, 'approvers')];
  },
};
