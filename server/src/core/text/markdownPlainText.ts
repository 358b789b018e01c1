// Hover and completion Markdown as plain text, for clients that do not render Markdown. The core
// writes Markdown once (our words plus document text escaped by markdownEscape); reading it back
// with the same parser a renderer would use gives exactly the text a reader should see, without
// backslashes, fences or link targets.
import type { Nodes, Parent } from 'mdast';
import { remark } from 'remark';

const parser = remark();

/** Controls other than the line breaks between blocks: the plain text shown must not carry them. */
const CONTROLS = /[^\P{Cc}\n]|[\u2028\u2029]/gu;

export function markdownToPlainText(markdown: string): string {
  const blocks = parser.parse(markdown).children.map((n) => block(n, ''));
  return blocks
    .filter((b) => b !== '')
    .join('\n\n')
    .replace(CONTROLS, (c) => (c === '\t' ? ' ' : '\ufffd'));
}

function block(node: Nodes, indent: string): string {
  switch (node.type) {
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const inner = item.children.map((c) => block(c, `${indent}  `)).filter((b) => b !== '');
          return `${indent}${marker}${inner.join(`\n${indent}  `)}`;
        })
        .join('\n');
    case 'blockquote':
      return node.children
        .map((c) => block(c, ''))
        .join('\n\n')
        .split('\n')
        .map((l) => (l ? `${indent}> ${l}` : `${indent}>`))
        .join('\n');
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '---';
    default:
      return inline(node);
  }
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'html':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    default:
      return 'children' in node ? (node as Parent).children.map((c) => inline(c as Nodes)).join('') : '';
  }
}
