// The README's title (`# KEP-1234: Title`) and kep.yaml's `title` say different things. Advice only:
// case, spacing, punctuation and inline Markdown are ignored, and either side may be the one to
// change, so there is no fix.
import { textOf } from '../kep/kepYaml';
import { range } from '../text/positions';
import { headingWords } from '../markdown/sectionKey';
import type { Rule } from './rule';

const KEP_PREFIX = /^\s*KEP[-\s]?(?:\d+|N+)\s*[:.\-–—]?\s*/i;
const TEMPLATE_TITLES = new Set(['kep template', 'your short descriptive title']);
const STOP_WORDS = new Set(['a', 'an', 'the', 'for', 'of', 'in', 'on', 'to', 'with', 'and', 'by', 'from', 'at', 'as']);

/** Title words for comparison: lower case, letters and digits only, single spaces. */
export function normaliseTitle(title: string): string {
  return headingWords(title.replace(/<!--[\s\S]*?(-->|$)/g, ' '))
    .replace(KEP_PREFIX, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function words(normalised: string): Set<string> {
  const out = new Set<string>();
  for (const w of normalised.split(' ')) if (w && !STOP_WORDS.has(w)) out.add(stem(w));
  return out;
}

/** Writes runs of words as the acronym the other title uses ("dynamic resource allocation" → "dra"). */
function withAcronyms(normalised: string, original: string): string {
  const acronyms = new Set((original.match(/\b[A-Z]{2,6}\b/g) ?? []).map((a) => a.toLowerCase()));
  if (!acronyms.size) return normalised;
  const list = normalised.split(' ').filter((w) => !STOP_WORDS.has(w));
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    let matched = false;
    for (const a of acronyms) {
      if (i + a.length > list.length) continue;
      if ([...a].every((c, k) => list[i + k][0] === c)) {
        out.push(a);
        i += a.length - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out.push(list[i]);
  }
  return out.join(' ');
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const w of a) if (!b.has(w)) return false;
  return true;
}

/**
 * Whether two titles really differ: not when one says all the other says, in the same words
 * (plural or singular, small words aside) or run together ("Azure File" / "Azurefile"), and more
 * ("Gang Scheduling" / "Gang Scheduling using Workload Object").
 */
export function titlesDiffer(readme: string, kepYaml: string): boolean {
  const a = normaliseTitle(readme);
  const b = normaliseTitle(kepYaml);
  if (!a || !b || a === b) return false;
  const joinedA = a.replace(/ /g, '');
  const joinedB = b.replace(/ /g, '');
  if (joinedA.includes(joinedB) || joinedB.includes(joinedA)) return false;
  const wa = words(withAcronyms(a, kepYaml));
  const wb = words(withAcronyms(b, readme));
  return !subset(wa, wb) && !subset(wb, wa);
}

export const titleMismatch: Rule = {
  id: 'title-mismatch',
  defaultSeverity: 'info',
  description: "The README's title differs from kep.yaml's title.",
  quietWhenFinished: false,
  check(ctx) {
    const yamlTitle = textOf(ctx.kepYaml?.title);
    if (!yamlTitle) return [];
    const h1 = ctx.tree.sections.find((s) => s.level === 1);
    if (!h1) return [];
    const written = h1.heading.text;
    const readmeTitle = normaliseTitle(written);
    if (TEMPLATE_TITLES.has(readmeTitle) || TEMPLATE_TITLES.has(normaliseTitle(yamlTitle)) || !titlesDiffer(written, yamlTitle)) return [];
    const line = h1.heading.line;
    const text = ctx.index.line(line);
    return [
      {
        range: range(line, Math.min(h1.heading.column, text.length), line, text.length),
        message: `The title differs from kep.yaml's title '${yamlTitle}'. Use the same title in both files.`,
      },
    ];
  },
};
