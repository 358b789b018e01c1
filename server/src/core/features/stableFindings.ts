// Keeps finding objects stable from one analysis of a document to the next. Rules that rebuild their
// findings on every run (a few small ones) would otherwise hand out new, equal objects each time, and
// everything made of a finding downstream (the Finding with its severity, the LSP diagnostic, its
// JSON) is kept by the finding's identity. Equal findings therefore take the place of new ones here.
import { sameRange } from '../text/positions';
import type { Fix, RuleFinding } from '../rules/rule';

function sameFix(a: Fix | undefined, b: Fix | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.title !== b.title || a.updatesToc !== b.updatesToc || a.changes.length !== b.changes.length) return false;
  for (let i = 0; i < a.changes.length; i++) {
    if (!sameRange(a.changes[i].range, b.changes[i].range) || a.changes[i].newText !== b.changes[i].newText) return false;
  }
  const fa = a.createFiles ?? [];
  const fb = b.createFiles ?? [];
  return fa.length === fb.length && fa.every((f, i) => f.path === fb[i].path && f.text === fb[i].text);
}

/** Whether two rule findings say the same thing about the same place, with the same fix. */
export function sameRuleFinding(a: RuleFinding, b: RuleFinding): boolean {
  return (
    a === b || (a.message === b.message && a.severity === b.severity && a.unnecessary === b.unnecessary && sameRange(a.range, b.range) && sameFix(a.fix, b.fix))
  );
}

function equalAt(list: readonly RuleFinding[], i: number, finding: RuleFinding): RuleFinding | undefined {
  const candidate = list[i];
  return candidate && sameRuleFinding(candidate, finding) ? candidate : undefined;
}

/**
 * `fresh` with each finding replaced by an equal one of `last` where there is one at the same
 * position, or one position off (a finding added or removed before it); `last` itself when all are.
 */
export function stabilized(last: readonly RuleFinding[], fresh: readonly RuleFinding[]): readonly RuleFinding[] {
  if (fresh === last) return last;
  let allKept = last.length === fresh.length;
  const out: RuleFinding[] = new Array<RuleFinding>(fresh.length);
  for (let i = 0; i < fresh.length; i++) {
    const f = fresh[i];
    const kept = equalAt(last, i, f) ?? equalAt(last, i + 1, f) ?? equalAt(last, i - 1, f);
    if (kept !== last[i]) allKept = false;
    out[i] = kept ?? f;
  }
  return allKept ? last : out;
}
