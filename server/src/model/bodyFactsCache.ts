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

interface Generation {
  byStart: Map<number, Entry>;
  /** By key (the heading text), for bodies that moved. */
  byKey: Map<string, Entry[]>;
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

  /** Facts of lines [from, to) of `index`; `key` names the body (its heading's text) to find it again. */
  factsOf(index: MarkdownIndex, from: number, to: number, key: string): BodyFacts {
    if (index.version !== this.version) {
      // One edit since the previous analysis (the usual case): a body clear of its lines is known to
      // be unchanged without comparing them.
      const edit = index.lastEdit;
      this.oneEdit = edit && edit.version === index.version && this.version === index.version - 1 ? edit : undefined;
      const oneEdit = this.oneEdit;
      if (oneEdit && oneEdit.newTo === oneEdit.oldTo) {
        // No line moved: the generation stays, but for the bodies the edit touched. An analysis may
        // then take unchanged bodies' facts over without asking (rules/context.ts) and lose nothing.
        for (const [start, entry] of this.current.byStart) {
          if (start < oneEdit.newTo && start + entry.lines.length > oneEdit.from) this.current.byStart.delete(start);
        }
        this.previous = this.current;
      } else {
        // Only what the last analysed version used is kept: the cache never outgrows the document.
        this.previous = this.current;
        this.current = emptyGeneration();
      }
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
    // Within one version the lines do not change: the same start and length are the same body.
    if (here && here.lines.length === to - from) return here.facts;
    const edit = this.oneEdit;
    if (edit && (to <= edit.from || from >= edit.newTo)) {
      const moved = to <= edit.from ? 0 : edit.newTo - edit.oldTo;
      const known = this.previous.byStart.get(from - moved);
      if (known && known.lines.length === to - from) {
        return this.keep(key, moved === 0 ? known : { lines: known.lines, from, facts: shiftFacts(known.facts, moved) });
      }
    }
    // In place, moved like the body before it, or (rarely: the first body after an edit that added
    // or removed lines) any earlier body with the same heading.
    let earlier = this.previous.byStart.get(from);
    if (!same(earlier)) earlier = this.previous.byStart.get(from - this.shift);
    if (!same(earlier)) earlier = this.previous.byKey.get(key)?.find(same);
    const entry: Entry = earlier
      ? { lines: earlier.lines, from, facts: shiftFacts(earlier.facts, from - earlier.from) }
      : { lines: lines.slice(from, to), from, facts: bodyFacts(lines, from, to) };
    if (earlier) this.shift = from - earlier.from;
    return this.keep(key, entry);
  }

  private keep(key: string, entry: Entry): BodyFacts {
    this.current.byStart.set(entry.from, entry);
    const list = this.current.byKey.get(key)?.filter((e) => e.from !== entry.from);
    this.current.byKey.set(key, list ? [...list, entry] : [entry]);
    return entry.facts;
  }
}
