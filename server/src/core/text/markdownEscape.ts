// The one way document text (README, kep.yaml and approval-file text, file names, values, URIs)
// enters the Markdown of hovers and completion documentation. Editors render that Markdown as they
// choose: some run command links or HTML, and every one keeps a plain link clickable. So document
// text must read as exactly its characters, never as a link, an image, HTML, an entity, a heading,
// a list or emphasis, and must never end the line or the code span it sits in.

/** Characters that end a line in Markdown or in an editor: the text stays on the line it is put on. */
const LINE_BREAKS = /\r\n|[\r\n\t\u0085\u2028\u2029]/g;
/**
 * The other controls, which a terminal or a renderer may act on, and the bidirectional overrides,
 * which can make text read differently from what it is.
 */
const CONTROLS = /\p{Cc}|[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text that is safe to show on one line as plain text: line breaks and tabs become spaces, C0
 * controls their Unicode control pictures (␛ for ESC, so the reader sees they are there), other
 * controls and direction overrides U+FFFD.
 */
export function printableLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\ufffd';
  });
}

/** At most `max` characters, with an ellipsis when cut; never splits a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Every ASCII punctuation character that can start Markdown syntax: links and images, HTML and
 * autolinks, entities, emphasis, code, headings, lists, tables, and the `:` `.` `@` of the
 * autolink literals some renderers add (`www.x.io`, `https://…`, `a@b.io`), and the `$` of math.
 */
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&=:"'@$]/g;

/** Document text in running Markdown: read as its characters, on one line. */
export function markdownText(text: string, max = Infinity): string {
  return clip(printableLine(text), max).replace(PUNCTUATION, '\\$&');
}

/**
 * Document text as an inline code span whose content is exactly the (one-line, clipped) text: the
 * fence is longer than any backtick run inside, and a space pads the content where CommonMark
 * would otherwise eat a backtick or strip a space of it.
 */
export function markdownCode(text: string, max = 100): string {
  const t = clip(printableLine(text), max);
  if (t === '') return '` `';
  let run = 0;
  for (const m of t.matchAll(/`+/g)) run = Math.max(run, m[0].length);
  const fence = '`'.repeat(run + 1);
  const spaced = t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '';
  const pad = t.startsWith('`') || t.endsWith('`') || spaced ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * A URI as a link destination: characters that could end the destination, open a title or break
 * the line are percent-encoded (the URI means the same), so the link goes where the URI says.
 */
export function markdownLinkDestination(uri: string): string {
  return uri.replace(/[\s()<>&\\"'`[\]\p{Cc}]/gu, (c) =>
    [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
