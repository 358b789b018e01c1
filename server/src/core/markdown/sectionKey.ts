// How a heading is recognised as a template section. The template's wording is what KEP tooling
// (verify-toc-vs-template) compares against, so matching is strict about words but forgiving about
// case, punctuation, spacing, inline formatting and the "(Optional)" mark.

import { memoizeText } from '../text/textMemo';

const OPTIONAL_MARK = /\(\s*optional\s*\)/i;

export function isOptionalTitle(title: string): boolean {
  return OPTIONAL_MARK.test(title);
}

/** The words of a heading without inline Markdown: link targets, code ticks and emphasis removed. */
export const headingWords = memoizeText((title: string): string =>
  title
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[`*_~[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

const OPTIONAL_MARKS = new RegExp(OPTIONAL_MARK.source, 'gi');

export const sectionKey = memoizeText((title: string): string =>
  headingWords(title)
    .replace(OPTIONAL_MARKS, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ''),
);
