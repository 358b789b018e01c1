// Small helpers shared by the metadata rules: spelling suggestions and certain text edits.
import type { Range } from '../../text/positions';
import type { YamlScalar } from '../../kep/yamlDocument';
import type { Fix } from '../rule';

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within two edits (ignoring case), when there is exactly one. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(v, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best && !tie && best !== value ? best : undefined;
}

/**
 * The closest community group: a unique group the value abbreviates (`sig-arch` →
 * `sig-architecture`) or whose last words it repeats (`sig-machinery` → `sig-api-machinery`),
 * else the closest spelling.
 */
export function closestGroup(value: string, groups: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  const dash = v.indexOf('-');
  const prefixed = groups.filter((g) => g.startsWith(v));
  if (prefixed.length === 1) return prefixed[0];
  const tail = dash > 0 ? v.slice(dash) : undefined;
  if (tail && tail.length > 3) {
    const suffixed = groups.filter((g) => g.startsWith(v.slice(0, dash)) && g.endsWith(tail));
    if (suffixed.length === 1) return suffixed[0];
  }
  return closest(value, groups);
}

export function didYouMean(value: string, candidates: readonly string[]): string {
  const c = closest(value, candidates);
  return c ? ` Did you mean '${c}'?` : '';
}

/** Replaces a scalar as written (quotes included) with new text. */
export function replaceScalar(title: string, scalar: YamlScalar | { range: Range }, newText: string): Fix {
  return { title, changes: [{ range: scalar.range, newText }] };
}

/** A double-quoted YAML string. */
export function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The text as the scalar's own quote style would write it (plain becomes double-quoted). */
export function inSameQuotes(scalar: YamlScalar, text: string): string {
  if (scalar.style === 'single' && !text.includes("'")) return `'${text}'`;
  return quoted(text);
}

export function list(values: readonly string[]): string {
  return values.join(', ');
}

export function oneLine(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
