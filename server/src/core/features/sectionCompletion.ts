// Completion of template headings in a KEP README: on a line that starts with '#', offer the
// template sections that are missing at that point of the document, in template order and at the
// template's level.
import { headingLabel, type KepContext } from '../kep/kepContext';
import { CHECKLIST_KEY, checklistItemKey, checklistItems, type TemplateSection } from '../kep/template';
import { sectionAtLine } from '../markdown/sections';
import type { CompletionEntry } from './yamlCompletion';

const HEADING_PREFIX = /^#{1,6}[^\S\n]*\S*$/;

/** Whether `line` lies where `section` belongs: inside its parent, between its present siblings. */
function belongsAt(ctx: KepContext, section: TemplateSection, line: number): boolean {
  const { template, match, tree } = ctx;
  let from = 0;
  let to = tree.lineCount;
  if (section.parent >= 0) {
    const parent = match.primary[section.parent];
    if (parent < 0) return false;
    from = tree.sections[parent].heading.line + 1;
    to = tree.sections[parent].subtreeEnd;
  }
  const siblings = section.parent >= 0 ? template.sections[section.parent].children : template.sections.filter((s) => s.parent === -1).map((s) => s.index);
  for (const sibling of siblings) {
    const present = match.primary[sibling];
    if (present < 0) continue;
    const at = tree.sections[present].heading.line;
    if (sibling < section.index) from = Math.max(from, at + 1);
    else if (sibling > section.index) to = Math.min(to, at);
  }
  return line >= from && line <= to;
}

export function completeSectionHeading(ctx: KepContext, line: number, character: number): CompletionEntry[] {
  const text = ctx.index.line(line) ?? '';
  const typed = text.slice(0, character);
  if (!HEADING_PREFIX.test(typed)) return [];
  const { template, match } = ctx;
  const entries: CompletionEntry[] = [];
  for (const section of template.sections) {
    if (match.primary[section.index] >= 0 || !belongsAt(ctx, section, line)) continue;
    const label = headingLabel(section);
    const parent = section.parent >= 0 ? template.sections[section.parent] : undefined;
    entries.push({
      label,
      kind: 'snippet',
      detail: `${section.optional ? 'Optional' : 'Missing'} template section${parent ? ` under '${headingLabel(parent)}'` : ''}`,
      insertText: label,
      replace: { startLine: line, startCharacter: 0, endLine: line, endCharacter: text.length },
      sortText: String(section.index).padStart(4, '0'),
    });
  }
  return entries;
}

const CHECKLIST_PREFIX = /^\s*([-*]\s*(\[\s*\]?\s*)?)?$/;

/** Inside the Release Signoff Checklist: the template's checklist items this KEP does not have yet. */
export function completeChecklistItem(ctx: KepContext, line: number, character: number): CompletionEntry[] {
  const text = ctx.index.line(line) ?? '';
  if (!ctx.template.checklist.length || !CHECKLIST_PREFIX.test(text.slice(0, character))) return [];
  let section = sectionAtLine(ctx.tree, line);
  while (section && section.key !== CHECKLIST_KEY && section.parent >= 0) section = ctx.tree.sections[section.parent];
  if (!section || section.key !== CHECKLIST_KEY || line < section.bodyStart) return [];
  const present = new Set(checklistItems(ctx.index.lines(), section.bodyStart, section.bodyEnd).map(checklistItemKey));
  return ctx.template.checklist
    .filter((item) => !present.has(checklistItemKey(item)))
    .map((item, i) => ({
      label: item.trim().replace(/^[-*] \[ \] /, ''),
      kind: 'snippet' as const,
      detail: 'Release Signoff Checklist item from the template',
      insertText: item,
      replace: { startLine: line, startCharacter: 0, endLine: line, endCharacter: text.length },
      sortText: String(i).padStart(3, '0'),
    }));
}
