// Hostile inputs for the unit, protocol and CLI tests, generated in code (no multi-MB fixtures in
// git). The tests hold every answer on them to HANG_GUARD_MS (test/support/hangGuard.ts), a hang
// guard, not a performance target: README "Limits" gives the measured figures.
import { GOOD_KEP } from './kepFixture';

/** A KEP README of about 10 MB: a good KEP followed by unique prose paragraphs. */
export function tenMegabyteReadme(): string {
  const parts = [GOOD_KEP];
  let size = GOOD_KEP.length;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const p = `Paragraph ${i} of a very long appendix that someone pasted into the KEP, with enough words to look like prose.\n\n`;
    parts.push(p);
    size += p.length;
  }
  return parts.join('');
}

/** Deterministic random bytes (a linear congruential generator), as a file of junk would hold. */
export function randomBytes(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = s >> 16;
  }
  return bytes;
}

/**
 * A KEP of 100,000 lines (about 1.2 MB: still analysed fully): an appendix of short paragraphs, or
 * with `paragraphs` false one paragraph of 100,000 lines (too long a block to parse at once).
 */
export function hundredThousandLines(paragraphs = true): string {
  const lines: string[] = [];
  const head = GOOD_KEP.split('\n').length + 2;
  for (let i = head; i < 100_000; i++) lines.push(paragraphs && i % 10 === 0 ? '' : `Line ${i}.`);
  return GOOD_KEP + '\nAppendix:\n\n' + lines.join('\n') + '\n';
}

/** A KEP whose Drawbacks section holds 10,000 list items, each nested in the one before (`- - - …`). */
export function nestedListOnOneLine(depth = 10_000): string {
  return GOOD_KEP + '\n' + '- '.repeat(depth) + 'item\n';
}

/** A KEP whose Drawbacks section holds `depth` list items nested by indentation (1,000 → 1 MB). */
export function nestedListByIndentation(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push('  '.repeat(i) + '- item');
  return GOOD_KEP + '\n' + lines.join('\n') + '\n';
}

/** A YAML "billion laughs": 9^30 values once expanded, under one field. */
export function aliasBomb(field: string): string {
  let text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i < 30; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text + `${field}: *a29\n`;
}

/** A kep.yaml of about 5 MB: a valid head and a very long metrics list. */
export function fiveMegabyteKepYaml(head: string): string {
  return head + 'metrics:\n' + '  - some_metric_name_that_is_long_enough\n'.repeat(130_000);
}

/**
 * A KEP README filled up to the size limit with one line repeated, after GOOD_KEP: `## Summary\n`
 * about 143,000 times (every heading the same), or with `distinct` `## H<n>\n`.
 */
export function headingsToTheLimit(limit: number, distinct = false): string {
  const parts = [GOOD_KEP, '\n'];
  let size = GOOD_KEP.length + 1;
  for (let i = 0; ; i++) {
    const line = distinct ? `## H${i}\n` : '## Summary\n';
    if (size + line.length > limit) break;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}
