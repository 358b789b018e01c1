// Body facts kept from one analysis of a document to the next. bodyFacts() caches remark's work per
// chunk text, but finding the chunks still reads and joins every line of every body; on a large
// document that, not the edit, would set the cost of each keystroke. Here a body whose lines are
// the very same strings as at the previous analysis (an edit elsewhere replaces only its own lines)
// reuses its facts, shifted to where the body now starts: a check of string identity per line.
import { bodyFacts, shiftFacts, type BodyFacts } from './bodyFacts';
import type { MarkdownIndex } from './markdownIndex';

interface Entry {
  /** The body's lines when its facts were computed. */
  lines: readonly string[];
  from: number;
  facts: BodyFacts;
}

export class BodyFactsCache {
  private version = -1;
  /** Entries of the previous analysed version and of the current one, by key (the heading text). */
  private previous = new Map<string, Entry[]>();
  private current = new Map<string, Entry[]>();

  /** Facts of lines [from, to) of `index`; `key` names the body (its heading's text) to find it again. */
  factsOf(index: MarkdownIndex, from: number, to: number, key: string): BodyFacts {
    if (index.version !== this.version) {
      // Only what the last analysed version used is kept: the cache never outgrows the document.
      this.previous = this.current;
      this.current = new Map();
      this.version = index.version;
    }
    const lines = index.lines();
    const here = this.find(this.current.get(key), lines, from, to);
    if (here && here.from === from) return here.facts;
    const earlier = here ?? this.find(this.previous.get(key), lines, from, to);
    const entry: Entry = earlier
      ? { lines: earlier.lines, from, facts: shiftFacts(earlier.facts, from - earlier.from) }
      : { lines: lines.slice(from, to), from, facts: bodyFacts(lines, from, to) };
    const list = this.current.get(key);
    if (list) list.push(entry);
    else this.current.set(key, [entry]);
    return entry.facts;
  }

  private find(entries: Entry[] | undefined, lines: readonly string[], from: number, to: number): Entry | undefined {
    if (!entries) return undefined;
    const n = to - from;
    for (const e of entries) {
      if (e.lines.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = e.lines[i] === lines[from + i];
      if (same) return e;
    }
    return undefined;
  }
}
