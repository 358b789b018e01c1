// HTML comments as the template uses them for guidance. Comparison ignores all whitespace so that a
// comment re-wrapped by an editor is still recognised as the template's.

import { memoizeText } from '../text/textMemo';

export const normalizeComment = memoizeText((comment: string): string => comment.replace(/\s+/g, ''));

/** The `<!-- … -->` comments inside a piece of HTML, with their offsets in it. */
export function commentsIn(html: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let from = 0;
  for (;;) {
    const open = html.indexOf('<!--', from);
    if (open < 0) break;
    const close = html.indexOf('-->', open + 4);
    const end = close < 0 ? html.length : close + 3;
    out.push({ offset: open, text: html.slice(open, end) });
    from = end;
  }
  return out;
}

const TOC_TAG = /^<!--\s*\/?toc\s*-->$/i;

export function isTocTag(comment: string): boolean {
  return TOC_TAG.test(comment.trim());
}
