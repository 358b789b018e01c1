// The document's section tree: every heading owns the lines up to the next heading (its own body)
// and up to the next heading of the same or a higher level (its subtree). Rebuilt from the
// incremental heading list on each analysis; it is cheap because it only walks headings.
import { partitionPoint } from '../text/arrays';
import type { ScannedHeading } from './headingScanner';
import { MarkdownIndex } from './markdownIndex';
import { headingWords, sectionKey } from './sectionKey';

export interface Section {
  /** Position in document order. */
  index: number;
  heading: ScannedHeading;
  level: number;
  /** Heading text without inline Markdown. */
  title: string;
  key: string;
  /** First line after the heading (after the underline for setext headings). */
  bodyStart: number;
  /** Line of the next heading of any level (exclusive end of the own body). */
  bodyEnd: number;
  /** Line of the next heading of the same or a higher level (exclusive end of the subtree). */
  subtreeEnd: number;
  parent: number;
  children: number[];
}

export interface SectionTree {
  sections: Section[];
  /** Lines before the first heading (the opening comment, front matter). */
  preambleEnd: number;
  lineCount: number;
}

export function buildSections(index: MarkdownIndex): SectionTree {
  const headings = index.headings();
  const lineCount = index.lineCount;
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const next = headings[i + 1];
    while (stack.length && stack[stack.length - 1].level >= h.level) {
      stack.pop()!.subtreeEnd = h.line;
    }
    const parent = stack.length ? stack[stack.length - 1] : undefined;
    const section: Section = {
      index: sections.length,
      heading: h,
      level: h.level,
      title: headingWords(h.text),
      key: sectionKey(h.text),
      bodyStart: h.endLine + 1,
      bodyEnd: next ? next.line : lineCount,
      subtreeEnd: lineCount,
      parent: parent ? parent.index : -1,
      children: [],
    };
    parent?.children.push(section.index);
    sections.push(section);
    stack.push(section);
  }
  return { sections, preambleEnd: headings.length ? headings[0].line : lineCount, lineCount };
}

/** The section whose own body or heading contains `line`, if any. */
export function sectionAtLine(tree: SectionTree, line: number): Section | undefined {
  return tree.sections[partitionPoint(tree.sections, (s) => s.heading.line <= line) - 1];
}
