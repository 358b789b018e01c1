// <<[UNRESOLVED …]>> … <<[/UNRESOLVED]>> blocks mark open debate. Markers must pair up, and a KEP
// that is implementable or implemented should have settled its debates. Markers in comments and
// code are examples, not debate, and are ignored (bodyFacts does not report them).
import type { MarkerFact } from '../markdown/bodyFacts';
import { range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';
import { lastResult, resultStore } from './memo';
import type { Rule, RuleFinding } from './rule';

export interface UnresolvedBlock {
  open: MarkerFact;
  close: MarkerFact;
}

export interface MarkerPairing {
  blocks: UnresolvedBlock[];
  unmatched: MarkerFact[];
}

/** Pairs markers in document order; blocks may nest. */
export function pairMarkers(ctx: KepContext): MarkerPairing {
  const open: MarkerFact[] = [];
  const result: MarkerPairing = { blocks: [], unmatched: [] };
  for (const facts of ctx.allFacts()) {
    for (const marker of facts.markers) {
      if (marker.kind === 'open') open.push(marker);
      else {
        const start = open.pop();
        if (start) result.blocks.push({ open: start, close: marker });
        else result.unmatched.push(marker);
      }
    }
  }
  result.unmatched.push(...open);
  return result;
}

const SETTLED = new Set(['implementable', 'implemented']);

export const unresolved: Rule = {
  id: 'unresolved',
  defaultSeverity: 'error',
  description: 'UNRESOLVED markers that do not pair up, or open debate in a KEP marked implementable or implemented.',
  quietWhenFinished: false,
  check(ctx) {
    const status = ctx.metadata?.status;
    return lastResult(results, ctx.index, [ctx.allFacts(), status], () => unresolvedFindings(ctx, status));
  },
};

const results = resultStore<RuleFinding[]>();

function unresolvedFindings(ctx: KepContext, status: string | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const { blocks, unmatched } = pairMarkers(ctx);
  for (const m of unmatched) {
    findings.push({
      range: range(m.line, m.character, m.endLine, m.endCharacter),
      message:
        m.kind === 'open'
          ? "'<<[UNRESOLVED]>>' is never closed: add '<<[/UNRESOLVED]>>' after the disputed text."
          : "'<<[/UNRESOLVED]>>' closes nothing: remove it or add the opening '<<[UNRESOLVED …]>>'.",
    });
  }
  if (status && SETTLED.has(status)) {
    for (const b of blocks) {
      findings.push({
        range: range(b.open.line, b.open.character, b.open.endLine, b.open.endCharacter),
        severity: 'warning',
        message: `This KEP is '${status}' in kep.yaml but still has an UNRESOLVED block: settle the debate and remove the markers, or move the KEP back to provisional.`,
      });
    }
  }
  return findings;
}
