// The template model: which sections a KEP should have, in which order and at which level, which
// are optional, and the guidance comments authors are meant to replace. It is data derived from the
// workspace's own template when there is one, so the checks follow the template as it changes.
import { BUNDLED_TEMPLATE_HEADINGS } from './bundledTemplate';
import { commentsIn, isTocTag, normalizeComment } from '../markdown/htmlComments';
import { MarkdownIndex } from '../markdown/markdownIndex';
import { headingWords, isOptionalTitle, sectionKey } from '../markdown/sectionKey';

export interface TemplateSection {
  /** Position in template order. */
  index: number;
  level: number;
  /** The heading as the template writes it, e.g. "User Stories (Optional)". */
  title: string;
  key: string;
  optional: boolean;
  /** Index of the enclosing template section, or -1 for top-level sections. */
  parent: number;
  children: number[];
  /** The template's guidance comments in this section's own body (empty for the bundled template). */
  guidance: string[];
}

export type TemplateSource = 'workspace' | 'setting' | 'bundled';

export interface TemplateModel {
  source: TemplateSource;
  path?: string;
  /** The H1 of the template ("KEP-NNNN: Your short, descriptive title"); not matched by title. */
  titleHeading: string;
  /** Sections below the H1, in template order. */
  sections: TemplateSection[];
  byKey: Map<string, TemplateSection>;
  /** Normalised guidance comments, for recognising ones left in a KEP. */
  guidanceComments: Set<string>;
  /** The Release Signoff Checklist's items as the template writes them (`- [ ] …`, indentation kept). */
  checklist: string[];
}

interface HeadingLike {
  level: number;
  title: string;
  line: number;
}

function buildModel(
  headings: HeadingLike[],
  source: TemplateSource,
  path: string | undefined,
  commentsByLine: { line: number; text: string }[],
): TemplateModel {
  const h1 = headings.find((h) => h.level === 1);
  const body = headings.filter((h) => h !== h1 && h.level >= 2);
  const sections: TemplateSection[] = [];
  const stack: TemplateSection[] = [];
  for (const h of body) {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : undefined;
    const section: TemplateSection = {
      index: sections.length,
      level: h.level,
      title: headingWords(h.title),
      key: sectionKey(h.title),
      optional: isOptionalTitle(h.title),
      parent: parent ? parent.index : -1,
      children: [],
      guidance: [],
    };
    parent?.children.push(section.index);
    sections.push(section);
    stack.push(section);
  }
  // A comment belongs to the last section whose heading comes before it.
  const lines = body.map((h) => h.line);
  for (const c of commentsByLine) {
    let owner = -1;
    for (let i = 0; i < lines.length && lines[i] <= c.line; i++) owner = i;
    if (owner >= 0) sections[owner].guidance.push(c.text);
  }
  const byKey = new Map<string, TemplateSection>();
  for (const s of sections) if (!byKey.has(s.key)) byKey.set(s.key, s);
  return {
    source,
    path,
    titleHeading: h1 ? h1.title : 'KEP-NNNN: Your short, descriptive title',
    sections,
    byKey,
    guidanceComments: new Set(commentsByLine.map((c) => normalizeComment(c.text))),
    checklist: [],
  };
}

export const CHECKLIST_KEY = sectionKey('Release Signoff Checklist');
const CHECKLIST_ITEM = /^\s*[-*] \[[ xX]?\] \S/;

/** The checklist item lines of a body (outside comments: the template's items are plain Markdown). */
export function checklistItems(lines: readonly string[], from: number, to: number): string[] {
  const items: string[] = [];
  let inComment = false;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.includes('<!--') && !line.includes('-->', line.indexOf('<!--'))) {
      inComment = true;
      continue;
    }
    if (CHECKLIST_ITEM.test(line)) items.push(line.replace(/\[[xX]\]/, '[ ]').trimEnd());
  }
  return items;
}

/** An item's words, for recognising it whether ticked, re-indented or re-wrapped. */
export function checklistItemKey(item: string): string {
  return item
    .replace(/^\s*[-*] \[[ xX]?\]/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function templateFromText(text: string, source: TemplateSource, path?: string): TemplateModel {
  const index = MarkdownIndex.fromText(text);
  const headings = index.headings().map((h) => ({ level: h.level, title: h.text, line: h.line }));
  const full = index.getText();
  const comments: { line: number; text: string }[] = [];
  let line = 0;
  let scanned = 0;
  for (const c of commentsIn(full)) {
    if (isTocTag(c.text)) continue;
    for (let i = scanned; i < c.offset; i++) if (full.charCodeAt(i) === 10) line++;
    scanned = c.offset;
    comments.push({ line, text: c.text });
  }
  const model = buildModel(headings, source, path, comments);
  const all = index.headings();
  const at = all.findIndex((h) => sectionKey(h.text) === CHECKLIST_KEY);
  if (at >= 0) model.checklist = checklistItems(index.lines(), all[at].endLine + 1, all[at + 1]?.line ?? index.lineCount);
  return model;
}

let bundled: TemplateModel | undefined;

export function bundledTemplate(): TemplateModel {
  bundled ??= buildModel(
    BUNDLED_TEMPLATE_HEADINGS.map(([level, title], line) => ({ level, title, line })),
    'bundled',
    undefined,
    [],
  );
  return bundled;
}

/** The chain of a template section's ancestors' titles, nearest first. */
export function templateParent(model: TemplateModel, section: TemplateSection): TemplateSection | undefined {
  return section.parent >= 0 ? model.sections[section.parent] : undefined;
}

export function headingMarkup(section: { level: number; title: string }): string {
  return `${'#'.repeat(section.level)} ${section.title}`;
}
