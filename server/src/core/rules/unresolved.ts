// <<[UNRESOLVED …]>> … <<[/UNRESOLVED]>> blocks mark open debate. Markers must pair up, and a KEP
// that is implementable or implemented should have settled its debates. Markers in comments and
// code are examples, not debate, and are ignored (bodyFacts does not report them).
// A block that names a stage later than the KEP's (`<<[UNRESOLVED beta]>> Fill out when targeting
// beta` in an alpha KEP) is a deferral, accepted practice, not a debate: it is not reported. A
// closer with no opener is often the partner of an opener mistyped just above it
// (`<<[UNRESOLVED beta>>`): the finding then names that line and how to write it.
import type { MarkerFact } from '../markdown/bodyFacts';
import { range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';
import { forEachVisibleLine } from '../kep/readmeText';
import { lastResult, resultStore } from '../text/lastResult';
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

/** The order of the stages a block can be deferred to; later stages (deprecated…) defer nothing. */
const STAGE_RANK: Record<string, number> = { alpha: 1, beta: 2, stable: 3, ga: 3 };
/** Stages after stable: every block is due. */
const PAST_STABLE = new Set(['deprecated', 'disabled', 'removed']);
/** The context of a deferral: a stage, alone or with a few words ("for beta", "beta graduation"). */
const DEFERRAL =
  /^(?:(?:for|when|until|before|at|in|targeting|when targeting|to be filled (?:in|out) (?:for|at))\s+)?(alpha|beta|stable|ga)(?:\s+(?:stage|release|graduation|promotion|criteria|phase))?$/i;

/** The stage an UNRESOLVED opener defers its block to, from its context ("<<[UNRESOLVED beta]>>"). */
export function deferredStage(opener: string): string | undefined {
  const context = /<<\[\s*UNRESOLVED\b([^\]\n]*)\]>>/i.exec(opener)?.[1].trim().replace(/[:.]$/, '');
  const m = context ? DEFERRAL.exec(context) : null;
  return m ? m[1].toLowerCase() : undefined;
}

/** Whether a block is deferred to a stage after the KEP's current stage (alpha < beta < stable). */
function deferredPastStage(open: MarkerFact, stage: string | undefined): boolean {
  const target = deferredStage(open.text);
  if (!target || (stage && PAST_STABLE.has(stage))) return false;
  const current = stage ? STAGE_RANK[stage] : 0;
  return current !== undefined && STAGE_RANK[target] > current;
}

/** A line that means to open an UNRESOLVED block but is not a well-formed opener. */
const LOOSE_OPENER = /<{1,3}\s*\[?\s*UNRESOLVED\b[^\n]*|\[\s*UNRESOLVED\b[^\n]*\]\s*>{0,3}/i;
const WELL_FORMED = /<<\[\s*\/?\s*UNRESOLVED\b[^\]\n]*\]>>/gi;
/** How far above an unmatched closer a mistyped opener is looked for. */
const OPENER_SEARCH_LINES = 200;

/**
 * The nearest line above an unmatched closer, after the previous marker, that looks like a
 * mistyped opener ("<<[UNRESOLVED beta>>", "<<UNRESOLVED]>>"), outside comments and code.
 */
function malformedOpenerAbove(ctx: KepContext, close: MarkerFact, previousLine: number): { line: number; text: string } | undefined {
  const from = Math.max(previousLine + 1, close.line - OPENER_SEARCH_LINES, 0);
  let found: { line: number; text: string } | undefined;
  forEachVisibleLine(ctx.index.lines(), from, close.line + 1, (line, text) => {
    const visible = line === close.line ? text.slice(0, close.character) : text;
    const m = LOOSE_OPENER.exec(visible.replace(WELL_FORMED, (w) => ' '.repeat(w.length)));
    if (m && !/^\s*<{0,3}\s*\[?\s*\//.test(m[0])) found = { line, text: m[0].trim() };
  });
  return found;
}

/** The opener a mistyped one means: its context kept, in the well-formed spelling. */
function wellFormedOpener(text: string): string {
  const context = /UNRESOLVED\b([^\]>\n]*)/i.exec(text)?.[1].trim() ?? '';
  return `<<[UNRESOLVED${context ? ` ${context}` : ''}]>>`;
}

export const unresolved: Rule = {
  id: 'unresolved',
  defaultSeverity: 'error',
  description: 'UNRESOLVED markers that do not pair up, or open debate in a KEP marked implementable or implemented.',
  quietWhenFinished: false,
  check(ctx) {
    const status = ctx.metadata?.status;
    return lastResult(results, ctx.index, [ctx.allFacts(), status, ctx.metadata?.stage], () => unresolvedFindings(ctx, status));
  },
};

const results = resultStore<RuleFinding[]>();

function unresolvedFindings(ctx: KepContext, status: string | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const { blocks, unmatched } = pairMarkers(ctx);
  const markerLines = ctx
    .allFacts()
    .flatMap((f) => f.markers.map((m) => m.endLine))
    .sort((a, b) => a - b);
  for (const m of unmatched) {
    const at = range(m.line, m.character, m.endLine, m.endCharacter);
    if (m.kind === 'open') {
      findings.push({ range: at, message: "'<<[UNRESOLVED]>>' is never closed: add '<<[/UNRESOLVED]>>' after the disputed text." });
      continue;
    }
    const previous = markerLines.filter((l) => l < m.line).pop() ?? -1;
    const opener = malformedOpenerAbove(ctx, m, previous);
    if (opener) {
      const fixed = wellFormedOpener(opener.text);
      findings.push({
        range: at,
        message: `'<<[/UNRESOLVED]>>' closes nothing: its opener on line ${opener.line + 1}, '${opener.text}', is mistyped. Write it as '${fixed}'.`,
      });
    } else {
      findings.push({ range: at, message: "'<<[/UNRESOLVED]>>' closes nothing: remove it or add the opening '<<[UNRESOLVED …]>>'." });
    }
  }
  if (status && SETTLED.has(status)) {
    const stage = ctx.metadata?.stage?.replace(/^["']|["']$/g, '').toLowerCase();
    for (const b of blocks) {
      if (deferredPastStage(b.open, stage)) continue;
      findings.push({
        range: range(b.open.line, b.open.character, b.open.endLine, b.open.endCharacter),
        severity: 'warning',
        message: `This KEP is '${status}' in kep.yaml but still has an UNRESOLVED block: settle the debate and remove the markers, or move the KEP back to provisional.`,
      });
    }
  }
  return findings;
}
