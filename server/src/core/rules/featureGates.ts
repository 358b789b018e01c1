// README ⇄ kep.yaml feature gates, compared once for the two rules that report the differences
// (gate-not-in-kep-yaml, gate-not-in-readme), so that one difference is reported once:
// - a README name that is a near miss of a kep.yaml gate is a typo: reported on the README name,
//   and that kep.yaml gate counts as named;
// - README names that match nothing while kep.yaml has gates the README does not name are a
//   rename on one side: reported on the README names, which mention kep.yaml's names;
// - kep.yaml gates the README never names are reported once, only when neither of the above
//   explains them. A gate the README names in the text of the enablement question ("Environment
//   variable `KUBECTL_KYAML`") counts as named.
// A kep.yaml entry whose name is a stand-in ("None", "N/A") is not a gate: feature-gate-name reports
// it, and it is left out here, so that no message asks to write "None" in the README.
import { realGateNames } from '../kep/kepYaml';
import { editDistance } from './metadata/util';
import type { KepContext } from '../kep/kepContext';
import { ENABLEMENT_QUESTION_KEY } from '../kep/prrFacts';
import { forEachVisibleLine, type NameRef } from '../kep/readmeText';

export interface UnknownGate {
  ref: NameRef;
  /** The kep.yaml gate this name is a typo of. */
  suggestion?: string;
}

export interface GateComparison {
  /** kep.yaml's gate names, as written. */
  kepYaml: string[];
  /** README names that kep.yaml does not list. */
  unknown: UnknownGate[];
  /** kep.yaml gates the README does not name, that no typo or rename explains. */
  unnamed: string[];
  /** kep.yaml gates the README does not name, explained by README names that match nothing. */
  renamed: string[];
}

/** The kep.yaml gate a README name is a typo of: the unique closest within a few edits, ignoring case. */
export function closestGate(name: string, candidates: readonly string[]): string | undefined {
  const limit = name.length >= 16 ? 3 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best && !tie ? best : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the enablement question's text mentions a gate by name. */
function mentionedInEnablement(ctx: KepContext, gates: readonly string[]): Set<string> {
  const found = new Set<string>();
  const section = ctx.prr().question(ENABLEMENT_QUESTION_KEY)?.section;
  if (!section || !gates.length) return found;
  const patterns = gates.map((g) => ({ gate: g, re: new RegExp(`(^|[^A-Za-z0-9_])${escape(g)}($|[^A-Za-z0-9_])`) }));
  forEachVisibleLine(ctx.index.lines(), section.bodyStart, section.subtreeEnd, (_line, text) => {
    for (const p of patterns) if (!found.has(p.gate) && p.re.test(text)) found.add(p.gate);
  });
  return found;
}

export function compareGates(ctx: KepContext): GateComparison {
  const kepYaml = realGateNames(ctx.kepYaml);
  const refs = ctx.labelled('gate').flatMap((b) => b.names);
  const named = new Set(refs.map((r) => r.name));
  const notNamed = kepYaml.filter((g) => !named.has(g));
  const unknown: UnknownGate[] = [];
  const typoTargets = new Set<string>();
  for (const ref of refs) {
    if (kepYaml.includes(ref.name)) continue;
    const suggestion = closestGate(ref.name, notNamed) ?? closestGate(ref.name, kepYaml);
    if (suggestion) typoTargets.add(suggestion);
    unknown.push(suggestion ? { ref, suggestion } : { ref });
  }
  const left = notNamed.filter((g) => !typoTargets.has(g));
  const mentioned = mentionedInEnablement(ctx, left);
  const unexplained = left.filter((g) => !mentioned.has(g));
  const renames = unknown.some((u) => !u.suggestion);
  return { kepYaml, unknown, unnamed: renames ? [] : unexplained, renamed: renames ? unexplained : [] };
}
