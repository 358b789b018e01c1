// Every approver in an approval file should be a production readiness approver
// (OWNERS_ALIASES prod-readiness-approvers or prod-readiness-approvers-emeritus). Upstream CI
// checks only the block of the KEP's current stage (reported as an error on the kep.yaml by
// prr-approval); in the approval file itself every block is checked, as a warning.
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { closest } from './util';

export const prrApprover: MetadataRule = {
  id: 'prr-approver',
  defaultSeverity: 'warning',
  quietWhenFinished: false,
  description: 'An approver in an approval file who is not a production readiness approver.',
  checkPrrApproval(ctx) {
    if (ctx.isTemplate) return [];
    const approvers = ctx.facts.prrApprovers();
    const names = [...approvers.names].sort();
    const findings: RuleFinding[] = [];
    for (const block of ctx.prr.blocks.values()) {
      const approver = block.approver?.text?.trim();
      if (!block.approver || !approver) continue;
      const name = approver.replace(/^@/, '');
      if (approvers.names.has(name)) continue;
      const near = closest(name, names);
      findings.push({
        range: block.approver.valueRange,
        message: `'${approver}' is not a production readiness approver${near ? ` (did you mean '${near}'?)` : ''}: upstream CI rejects the KEP while its stage is ${block.stage}. Production readiness approvers: ${names.join(', ')}.`,
      });
    }
    return findings;
  },
};
