// Which heading of the document stands for which template section. A template section's primary
// heading is the first one with its words at the template's level, else the first with its words
// at any level; further headings with its words at the primary's level are duplicates. Headings
// with the same words at other levels are left alone: KEPs reuse short titles ("Goals", "Alpha")
// for their own sub-sections.
import type { SectionTree } from '../markdown/sections';
import type { TemplateModel, TemplateSection } from './template';
import { aliasKey, MIN_SHORTENED_KEY } from './sectionAliases';

export interface TemplateMatch {
  /** Per template section: the index of its primary document section, or -1. */
  primary: number[];
  /** Per document section: the template section it is the primary heading of, or -1. */
  templateOf: number[];
  /** Document sections that repeat a template section, with the primary they repeat. */
  duplicates: { section: number; primary: number }[];
  /** Document sections that stand for their template section under another wording (sectionAliases.ts). */
  renamed: number[];
}

/** The one template section whose words start with `key` (sectionAliases.ts, MIN_SHORTENED_KEY). */
function shortenedOf(template: TemplateModel, key: string): TemplateSection | undefined {
  if (key.length < MIN_SHORTENED_KEY) return undefined;
  let found: TemplateSection | undefined;
  for (const t of template.sections) {
    if (!t.key.startsWith(key)) continue;
    if (found) return undefined;
    found = t;
  }
  return found;
}

export function matchTemplate(tree: SectionTree, template: TemplateModel): TemplateMatch {
  const candidates = new Map<number, number[]>();
  const aliased = new Map<number, number[]>();
  for (const section of tree.sections) {
    if (section.level === 1) continue;
    const exact = template.byKey.get(section.key);
    const t = exact ?? template.byKey.get(aliasKey(section.heading.text) ?? '') ?? shortenedOf(template, section.key);
    if (!t) continue;
    const into = exact ? candidates : aliased;
    const list = into.get(t.index);
    if (list) list.push(section.index);
    else into.set(t.index, [section.index]);
  }
  // Another wording stands for a template section only where the template's own wording is absent.
  const renamed: number[] = [];
  for (const [t, list] of aliased) {
    if (candidates.has(t)) continue;
    candidates.set(t, list);
  }
  const primary = template.sections.map(() => -1);
  const templateOf = tree.sections.map(() => -1);
  const duplicates: { section: number; primary: number }[] = [];
  for (const [t, list] of candidates) {
    const level = template.sections[t].level;
    const chosen = list.find((s) => tree.sections[s].level === level) ?? list[0];
    primary[t] = chosen;
    templateOf[chosen] = t;
    if (aliased.get(t) === list) renamed.push(chosen);
    for (const s of list) {
      if (s !== chosen && tree.sections[s].level === tree.sections[chosen].level) duplicates.push({ section: s, primary: chosen });
    }
  }
  duplicates.sort((a, b) => a.section - b.section);
  renamed.sort((a, b) => a - b);
  return { primary, templateOf, duplicates, renamed };
}
