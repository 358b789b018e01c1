// The whole-document peers of the edit measure, timed in-process on the same edited texts: a full
// remark parse (what every remark-based Markdown tool pays per change) and markdownlint's lint with
// its default rules and MD043 set to the template's headings.
import { remark } from 'remark';
import { lint } from 'markdownlint/sync';
import { msSince } from './stats';

/** Milliseconds of one full remark parse of each text. */
export function timeRemark(texts: string[]): number[] {
  const processor = remark();
  processor.parse(texts[0]!); // warm-up
  return texts.map((text) => {
    const start = process.hrtime.bigint();
    processor.parse(text);
    return msSince(start);
  });
}

/** Milliseconds of one markdownlint lint of each text, and the findings of the first. */
export function timeMarkdownlint(texts: string[], config: Record<string, unknown>): { times: number[]; findings: number } {
  const run = (text: string): number => lint({ strings: { doc: text }, config }).doc!.length;
  const findings = run(texts[0]!); // warm-up
  const times = texts.map((text) => {
    const start = process.hrtime.bigint();
    run(text);
    return msSince(start);
  });
  return { times, findings };
}
