// Body facts kept from one analysis of a document to the next. bodyFacts() caches remark's work per
// chunk text, but finding the chunks still reads and joins every line of every body; on a large
// document that, not the edit, would set the cost of each keystroke. Here a body whose lines are
// the very same strings as at the previous analysis (an edit elsewhere replaces only its own lines)
// reuses its facts, shifted to where the body now starts: a check of string identity per line.
import { bodyFacts, sameFacts, shiftFacts, type BodyFacts } from './bodyFacts';
import type { MarkdownIndex } from './markdownIndex';

interface Entry {
  /** The body's lines when its facts were computed. */
  lines: readonly string[];
  from: number;
  facts: BodyFacts;
}

interface Generation {
  byStart: Map<number, Entry>;
  /**
   * By key (the heading text), the last body kept under it, for bodies that moved. One per key, not
   * all of them: a document may repeat one heading 100,000 times, and a list per key made each
   * lookup scan it. Missing an entry only costs a re-read of the body, which checking a candidate
   * costs anyway.
   */
  byKey: Map<string, Entry>;
}

const emptyGeneration = (): Generation => ({ byStart: new Map(), byKey: new Map() });

export class BodyFactsCache {
  private version = -1;
  /** What the previous analysed version used, and what the current one has used so far. */
  private previous = emptyGeneration();
  private current = emptyGeneration();
  /** How far the last moved body moved: the bodies after an edit all move by the same lines. */
  private shift = 0;
  private oneEdit: MarkdownIndex['lastEdit'];

  /**
   * Facts of lines [from, to) of `index`; `key` names the body (its heading's text) to find it again.
   * Every entry is checked against the lines before it is used, so an entry an edit made stale is
   * never used, whatever was asked since: the caller (rules/context.ts) asks only for the bodies an
   * edit touched, plus all of them when the headings changed.
   */
  factsOf(index: MarkdownIndex, from: number, to: number, key: string): BodyFacts {
    if (index.version !== this.version) {
      const edit = index.lastEdit;
      this.oneEdit = edit && edit.version === index.version && this.version === index.version - 1 ? edit : undefined;
      this.previous = this.current;
      // No line moved: the generation stays, for the bodies the caller will not ask about again.
      if (!this.oneEdit || this.oneEdit.newTo !== this.oneEdit.oldTo) this.current = emptyGeneration();
      this.version = index.version;
      this.shift = 0;
    }
    const lines = index.lines();
    const same = (e: Entry | undefined): e is Entry => {
      if (!e || e.lines.length !== to - from) return false;
      for (let i = 0; i < e.lines.length; i++) if (e.lines[i] !== lines[from + i]) return false;
      return true;
    };
    const here = this.current.byStart.get(from);
    if (same(here)) return here.facts;
    // Where this body was before the edit: in place, or moved with the lines below the edit, or moved
    // like the body before it, or (rarely: the first body after an edit that added or removed lines)
    // the last earlier body with the same heading.
    const edit = this.oneEdit;
    const moved = edit && from >= edit.newTo ? edit.newTo - edit.oldTo : 0;
    let earlier = this.previous.byStart.get(from - moved);
    if (!same(earlier) && moved !== 0) earlier = this.previous.byStart.get(from);
    if (!same(earlier)) earlier = this.previous.byStart.get(from - this.shift);
    if (!same(earlier)) earlier = this.previous.byKey.get(key);
    if (same(earlier)) {
      this.shift = from - earlier.from;
      return this.keep(key, { lines: earlier.lines, from, facts: shiftFacts(earlier.facts, from - earlier.from) });
    }
    // Typing in prose leaves a body's facts as they were: keep the facts object of the body that was
    // here, so that results kept by its identity stay valid.
    const facts = bodyFacts(lines, from, to);
    const before = here ?? this.previous.byStart.get(from);
    return this.keep(key, { lines: lines.slice(from, to), from, facts: before && sameFacts(before.facts, facts) ? before.facts : facts });
  }

  private keep(key: string, entry: Entry): BodyFacts {
    this.current.byStart.set(entry.from, entry);
    this.current.byKey.set(key, entry);
    return entry.facts;
  }
}
