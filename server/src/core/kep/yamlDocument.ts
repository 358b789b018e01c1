// A small, exact view of a YAML file for the metadata checks: maps, lists and scalars with the
// ranges where they are written, scalars read as written (`1.20` is the text "1.20", as upstream's
// Go decoder reads it into a string field), duplicate keys and syntax errors reported as problems.
//
// Invariants kept here:
// - Parsing never throws. A broken file yields every node the parser could still build; a file
//   that cannot be read at all yields no root and one problem.
// - Aliases are never expanded: an alias becomes a shallow copy of its (already converted) target,
//   so an alias bomb costs one object per alias, and a self-referencing alias becomes a null.
// - Nesting deeper than MAX_DEPTH is cut off (read as null) so deep input cannot exhaust the stack.
// - Aliases that would expand to more than MAX_ALIAS_EXPANSION values ("billion laughs") are an
//   error: upstream's Go reader refuses excessive aliasing too.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode, type Scalar } from 'yaml';
import type { Position, Range } from '../text/positions';

export const MAX_DEPTH = 64;

/** More values than this once every alias is expanded makes a file an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;

export type YamlNode = YamlScalar | YamlMap | YamlSeq;

interface YamlNodeBase {
  /** Offsets into the text: the node as written, without trailing comments. */
  start: number;
  end: number;
  range: Range;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YamlScalar extends YamlNodeBase {
  kind: 'scalar';
  /** The value as written: quotes removed and escapes applied, never turned into a number or boolean. */
  text: string;
  style: ScalarStyle;
  /** A plain null (nothing, `~`, `null`) without a tag. Go reads it as the field's zero value. */
  isNull: boolean;
  /** An explicit tag such as `!!str`, when one is written. */
  tag?: string;
  /** The comment on the same line after the value, without the `#`. */
  comment?: string;
}

export interface YamlMapEntry {
  /** The key as written (for a key that is not a scalar: its source text). */
  key: string;
  keyRange: Range;
  /** The value; a null scalar when nothing is written after the colon. */
  value: YamlNode;
  /** Where the value is written: an empty range after the colon when there is none. */
  valueRange: Range;
  /** From the key to the end of the value. */
  range: Range;
  /** Offsets of the key's start and the value's end. */
  start: number;
  end: number;
}

export interface YamlMap extends YamlNodeBase {
  kind: 'map';
  flow: boolean;
  entries: YamlMapEntry[];
}

export interface YamlSeq extends YamlNodeBase {
  kind: 'seq';
  flow: boolean;
  items: YamlNode[];
}

export interface YamlProblem {
  code: string;
  /** Offsets into the text. */
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
  range: Range;
  /** For a duplicate key: the key, and where it is first written. */
  key?: string;
  relatedRange?: Range;
}

export interface YamlDocument {
  text: string;
  /** The document's top node, or undefined when the file is empty or unreadable. */
  root: YamlNode | undefined;
  /** Syntax errors and warnings from the parser. */
  syntax: YamlProblem[];
  /** Keys written twice in the same mapping (each repeat after the first). */
  duplicates: YamlProblem[];
  positionAt(offset: number): Position;
  /** The offset of a position (clamped to its line's start and the text's end). */
  offsetAt(position: Position): number;
  rangeAt(start: number, end: number): Range;
}

/** Line starts of a text, to turn offsets (UTF-16 units, as JavaScript strings count) into positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break (on the '\n' of '\r\n', as YAML errors may point) is the end of the line's text.
    const next = this.starts[lo + 1];
    let end = this.text.length;
    if (next !== undefined) end = this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
    return { line: lo, character: Math.min(o, end) - this.starts[lo] };
  }
}

const NULL_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL']);

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

class Converter {
  readonly duplicates: YamlProblem[] = [];
  private readonly done = new Map<YNode, YamlNode>();
  private readonly busy = new Set<YNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  rangeAt(start: number, end: number): Range {
    return { start: this.lines.positionAt(start), end: this.lines.positionAt(end) };
  }

  nullAt(offset: number): YamlScalar {
    return { kind: 'scalar', text: '', style: 'plain', isNull: true, start: offset, end: offset, range: this.rangeAt(offset, offset) };
  }

  node(node: unknown, fallbackOffset: number, depth: number): YamlNode {
    if (node === null || node === undefined || typeof node !== 'object') return this.nullAt(fallbackOffset);
    const n = node as YNode;
    const [start, end] = n.range ? [n.range[0], n.range[1]] : [fallbackOffset, fallbackOffset];
    if (isAlias(n)) {
      let target: YNode | undefined;
      try {
        target = n.resolve(this.doc) as YNode | undefined;
      } catch {
        target = undefined;
      }
      if (!target || this.busy.has(target)) return this.nullAt(start);
      const resolved = this.node(target, start, depth);
      return { ...resolved, start, end, range: this.rangeAt(start, end) };
    }
    const cached = this.done.get(n);
    if (cached) return cached;
    if (depth > MAX_DEPTH) return this.nullAt(start);
    let result: YamlNode;
    this.busy.add(n);
    if (isScalar(n)) result = this.scalar(n, start, end);
    else if (isMap(n)) {
      const entries: YamlMapEntry[] = [];
      const seen = new Map<string, YamlMapEntry>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const entry = this.entry(pair.key, pair.value, start, depth);
        entries.push(entry);
        const first = seen.get(entry.key);
        if (first && entry.key !== '<<') {
          this.duplicates.push({
            code: 'DUPLICATE_KEY',
            severity: 'error',
            start: entry.start,
            end: entry.start + entry.key.length,
            key: entry.key,
            message: `'${entry.key}' is written twice in the same mapping.`,
            range: entry.keyRange,
            relatedRange: first.keyRange,
          });
        } else if (!first) seen.set(entry.key, entry);
      }
      result = { kind: 'map', flow: !!n.flow, entries, start, end, range: this.rangeAt(start, end) };
    } else if (isSeq(n)) {
      const items = n.items.map((item) => this.node(item, end, depth + 1));
      result = { kind: 'seq', flow: !!n.flow, items, start, end, range: this.rangeAt(start, end) };
    } else result = this.nullAt(start);
    this.busy.delete(n);
    this.done.set(n, result);
    return result;
  }

  private scalar(n: Scalar, start: number, end: number): YamlScalar {
    const source = (n as Scalar.Parsed).source;
    const text = typeof source === 'string' ? source : n.value === null || n.value === undefined ? '' : String(n.value);
    const style = STYLES[n.type ?? 'PLAIN'] ?? 'plain';
    const scalar: YamlScalar = {
      kind: 'scalar',
      text,
      style,
      isNull: style === 'plain' && !n.tag && NULL_SOURCES.has(text),
      start,
      end,
      range: this.rangeAt(start, end),
    };
    if (n.tag) scalar.tag = n.tag;
    if (n.comment) scalar.comment = n.comment.trim();
    return scalar;
  }

  private entry(keyNode: unknown, valueNode: unknown, mapStart: number, depth: number): YamlMapEntry {
    const k = keyNode as YNode | null;
    let key = '';
    let keyStart = mapStart;
    let keyEnd = mapStart;
    if (k && typeof k === 'object' && k.range) {
      [keyStart, keyEnd] = [k.range[0], k.range[1]];
      if (isScalar(k)) {
        const source = (k as Scalar.Parsed).source;
        key = typeof source === 'string' ? source : String(k.value ?? '');
      } else key = this.text.slice(keyStart, keyEnd);
    }
    // With no value written, the value sits right after the colon (or the key when there is none).
    const after = k && typeof k === 'object' && isScalar(k) && k.range ? k.range[2] : keyEnd;
    const value = this.node(valueNode, after, depth + 1);
    const valueEnd = valueNode && typeof valueNode === 'object' ? value.end : value.start;
    return {
      key,
      keyRange: this.rangeAt(keyStart, keyEnd),
      value,
      valueRange: this.rangeAt(value.start, valueEnd),
      range: this.rangeAt(keyStart, Math.max(keyEnd, valueEnd)),
      start: keyStart,
      end: Math.max(keyEnd, valueEnd),
    };
  }
}

/** Reads a YAML file into nodes with exact ranges. Never throws. */
export function parseYaml(text: string): YamlDocument {
  const lines = new LineIndex(text);
  const rangeAt = (start: number, end: number): Range => ({ start: lines.positionAt(start), end: lines.positionAt(end) });
  const result: YamlDocument = {
    text,
    root: undefined,
    syntax: [],
    duplicates: [],
    positionAt: (offset) => lines.positionAt(offset),
    offsetAt: (position) => Math.min(text.length, lines.lineStart(position.line) + Math.max(0, position.character)),
    rangeAt,
  };
  const unreadable = (e: unknown): YamlProblem => ({
    code: 'UNREADABLE',
    severity: 'error',
    start: 0,
    end: 0,
    message: `The file cannot be read as YAML (${describe(e)}).`,
    range: rangeAt(0, 0),
  });
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    result.syntax.push(unreadable(e));
    return result;
  }
  for (const e of doc.errors) result.syntax.push(problemFrom(e, 'error', rangeAt));
  for (const w of doc.warnings) result.syntax.push(problemFrom(w, 'warning', rangeAt));
  try {
    const converter = new Converter(doc, text, lines);
    if (doc.contents !== null && doc.contents !== undefined) {
      const root = converter.node(doc.contents, 0, 0);
      // A document with nothing but comments has a null root; treat it as empty.
      result.root = root.kind === 'scalar' && root.isNull && root.start === root.end ? undefined : root;
    }
    result.duplicates = converter.duplicates;
    const bomb = aliasBomb(doc, rangeAt);
    if (bomb) result.syntax.push(bomb);
  } catch (e) {
    result.syntax.push(unreadable(e));
  }
  return result;
}

/**
 * A problem when the document's aliases expand to more than MAX_ALIAS_EXPANSION values. Sizes are
 * counted per node once (memoised) and capped, so the count itself stays cheap.
 */
function aliasBomb(doc: Document.Parsed, rangeAt: (s: number, e: number) => Range): YamlProblem | undefined {
  const sizes = new Map<YNode, number>();
  const busy = new Set<YNode>();
  let firstAlias: [number, number] | undefined;
  const cap = MAX_ALIAS_EXPANSION + 1;
  const size = (node: unknown, depth: number): number => {
    if (!node || typeof node !== 'object' || depth > MAX_DEPTH) return 1;
    let n = node as YNode;
    if (isAlias(n)) {
      firstAlias ??= n.range ? [n.range[0], n.range[1]] : [0, 0];
      let target: YNode | undefined;
      try {
        target = n.resolve(doc) as YNode | undefined;
      } catch {
        target = undefined;
      }
      if (!target || busy.has(target)) return 1;
      n = target;
    }
    const known = sizes.get(n);
    if (known !== undefined) return known;
    busy.add(n);
    let total = 1;
    if (isMap(n)) for (const pair of n.items) total += isPair(pair) ? size(pair.key, depth + 1) + size(pair.value, depth + 1) : 1;
    else if (isSeq(n)) for (const item of n.items) total += size(item, depth + 1);
    busy.delete(n);
    total = Math.min(total, cap);
    sizes.set(n, total);
    return total;
  };
  const total = size(doc.contents, 0);
  if (total <= MAX_ALIAS_EXPANSION || !firstAlias) return undefined;
  const [start, end] = firstAlias;
  return {
    code: 'ALIAS_EXPANSION',
    severity: 'error',
    start,
    end: Math.max(start, end),
    // Completed by the yaml-syntax rule: "YAML syntax error: <message>. Upstream CI cannot read…"
    message: `its aliases (*name) expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values, an alias bomb that YAML readers refuse; write the values out instead of repeating aliases`,
    range: rangeAt(start, Math.max(start, end)),
  };
}

function problemFrom(
  e: { code: string; message: string; pos: [number, number] },
  severity: 'error' | 'warning',
  rangeAt: (s: number, e: number) => Range,
): YamlProblem {
  const [start, end] = Array.isArray(e.pos) ? e.pos : [0, 0];
  return {
    code: e.code,
    severity,
    start,
    end: Math.max(start, end),
    message: e.message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, ''),
    range: rangeAt(start, Math.max(start, end)),
  };
}

function describe(e: unknown): string {
  if (e instanceof RangeError) return 'it is nested too deeply';
  return e instanceof Error ? e.message : String(e);
}

/** The first entry of a mapping with this key. */
export function entryOf(map: YamlMap | undefined, key: string): YamlMapEntry | undefined {
  return map?.entries.find((e) => e.key === key);
}

/** A short name for a node's shape, for messages: "a mapping", "a list", "text". */
export function shapeName(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  return node.isNull ? 'empty' : `the text '${node.text}'`;
}
