// Completion in KEP metadata files: kep.yaml and production readiness approval files
// (keps/prod-readiness/<group>/<number>.yaml). Keys come from the JSON Schemas (model/kepSchema),
// values from the schema's documented sets, the workspace (SIG folders, OWNERS_ALIASES, the
// sibling README) and the file itself (handles already used, feature gates already named).
//
// How the cursor's place in the YAML is decided:
// - When the file parses without errors, the YAML model decides wherever the cursor is on a node
//   it built: a key, a scalar value, a place inside a flow list (`[a, |]`).
// - Elsewhere (an empty or half-typed line belongs to no node, and the file being typed is often
//   broken), the lines decide: the cursor line's indentation and dashes, and the keys above it
//   with a smaller indentation (see `ancestry`). For block YAML, which KEP files use, indentation
//   is the structure, so both ways agree on every well-formed file.
// Invariant: completeMetadata never throws; on anything unexpected it returns [].
// Protocol-free: plain data; the language server turns it into LSP CompletionItems.
import { fieldInfo, knownKeys, schemaAt, shapeOf, type KeyPath, type SchemaName } from '../kep/kepSchema';
import { kepYamlFromDocument, type KepYaml } from '../kep/kepYaml';
import { compareMilestones, formatMilestone, type Milestone } from '../kep/milestones';
import { isPrrApprovalPath, PRR_STAGES } from '../kep/prrApproval';
import { ancestors, basename, dirname, joinPath, type WorkspaceFiles } from '../workspace/files';
import { BUNDLED_PRR_APPROVERS, KNOWN_COMPONENTS, enhancementsLocation, kepFolder, parseOwnersAliases, workspaceFacts } from '../kep/workspaceFacts';
import { parseYaml, type YamlDocument, type YamlNode } from '../kep/yamlDocument';
import { markdownText } from '../text/markdownEscape';

export interface EditRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface CompletionEntry {
  label: string;
  kind: 'field' | 'value' | 'snippet';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText uses LSP snippet syntax (${1:x}). */
  snippet?: boolean;
  /** The text the entry replaces; absent: the word at the cursor. */
  replace?: EditRange;
  sortText?: string;
}

export interface MetadataCompletionInput {
  path: string;
  text: string;
  line: number;
  character: number;
  files: WorkspaceFiles;
  /** yyyy-mm-dd: today's date, injected so that tests are stable. */
  today: string;
}

export type MetadataFileKind = 'kep' | 'prr';

export function metadataFileKind(path: string): MetadataFileKind | undefined {
  if (basename(path) === 'kep.yaml') return 'kep';
  if (isPrrApprovalPath(path)) return 'prr';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsed text, shared by completion and hover (the same text is asked for again and again).

export interface ParsedText {
  text: string;
  readonly document: YamlDocument;
  /** The document parsed without syntax errors: its model can be trusted for positions. */
  readonly clean: boolean;
  lines: string[];
  /** The line's structure, computed on demand. */
  line(n: number): YamlLine;
  /** The typed kep.yaml view (computed on demand). */
  kep(): KepYaml;
}

const parsedCache: ParsedText[] = [];

export function parseText(text: string): ParsedText {
  const hit = parsedCache.find((p) => p.text === text);
  if (hit) return hit;
  const lines = text.split(/\r\n|\r|\n/);
  const infos: YamlLine[] = [];
  let document: YamlDocument | undefined;
  let kep: KepYaml | undefined;
  // The YAML parse is done on first use: reading a few lines (another KEP's stage) does not need it.
  const parsed: ParsedText = {
    text,
    get document() {
      return (document ??= parseYaml(text));
    },
    get clean() {
      return !this.document.syntax.some((p) => p.severity === 'error');
    },
    lines,
    line(n) {
      if (n < 0 || n >= lines.length) return readYamlLine('');
      return (infos[n] ??= readYamlLine(lines[n]));
    },
    kep() {
      return (kep ??= kepYamlFromDocument(this.document));
    },
  };
  parsedCache.unshift(parsed);
  if (parsedCache.length > 4) parsedCache.length = 4;
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// One line of block YAML, read without a parser: indentation, list dashes, key, value.

export interface YamlLine {
  text: string;
  /** Column of the first character that is not a space or tab. */
  indent: number;
  /** Empty or comment only. */
  blank: boolean;
  /** Column of the last list dash (`- `), or -1. */
  dashCol: number;
  /** Column after the dashes (the indentation when there is none). */
  contentCol: number;
  /** The key, unquoted, when the line holds `key:`. */
  key?: string;
  keyStart: number;
  keyEnd: number;
  /** The scalar part: after `key: `, or a dash item's text; -1 when there is none. */
  valueStart: number;
  /** End of the value before a trailing comment, trailing spaces removed. */
  valueEnd: number;
}

const PLAIN_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"[\]{},:&*!|>%@`][^:#]*?))[ \t]*:(?=[ \t]|$)/;

export function readYamlLine(raw: string): YamlLine {
  const text = raw.replace(/\r$/, '');
  let p = 0;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  const indent = p;
  const line: YamlLine = { text, indent, blank: false, dashCol: -1, contentCol: p, keyStart: -1, keyEnd: -1, valueStart: -1, valueEnd: -1 };
  if (p === text.length || text[p] === '#') {
    line.blank = true;
    return line;
  }
  while (text[p] === '-' && (p + 1 === text.length || text[p + 1] === ' ' || text[p + 1] === '\t')) {
    line.dashCol = p;
    p++;
    while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  }
  line.contentCol = p;
  const m = PLAIN_KEY.exec(text.slice(p));
  if (m) {
    line.key = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3].trimEnd();
    line.keyStart = p;
    line.keyEnd = p + m[0].slice(0, m[0].lastIndexOf(':')).trimEnd().length;
    let v = p + m[0].length;
    while (v < text.length && (text[v] === ' ' || text[v] === '\t')) v++;
    line.valueStart = v;
  } else if (line.dashCol >= 0 && text[p] !== '#') line.valueStart = p;
  if (line.valueStart >= 0) line.valueEnd = valueEnd(text, line.valueStart);
  return line;
}

/** Where a value that starts at `from` ends: before ` # comment`, trailing spaces removed. */
function valueEnd(text: string, from: number): number {
  let quote: string | undefined;
  let end = text.length;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && (i === from || /[\s[,{]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && i > from && /\s/.test(text[i - 1])) {
      end = i;
      break;
    } else if (c === '#' && i === from) {
      end = i;
      break;
    }
  }
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

export interface Ancestor {
  /** A key, or '*' for a list item. */
  step: string;
  line: number;
  col: number;
}

/**
 * The path of the mapping or list that holds what starts at column `col` of line `lineNo`,
 * outermost first, read from the lines above: a key line less indented is the parent (or equally
 * indented, for a list written at its key's indentation), a dash less indented starts the list
 * item we are in. Lines more indented than the current level, blank lines and comments are
 * skipped.
 */
export function ancestry(p: ParsedText, lineNo: number, col: number, mode: 'key' | 'dash'): Ancestor[] {
  const out: Ancestor[] = [];
  let c = col;
  for (let l = Math.min(lineNo, p.lines.length) - 1; l >= 0; l--) {
    if (mode === 'key' && c === 0) break;
    const info = p.line(l);
    if (info.blank) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(info.text)) break;
    if (info.key !== undefined && (mode === 'key' ? info.contentCol < c : info.contentCol <= c)) {
      out.push({ step: info.key, line: l, col: info.contentCol });
      c = info.contentCol;
      mode = 'key';
    }
    if (info.dashCol >= 0 && info.dashCol < c) {
      out.push({ step: '*', line: l, col: info.dashCol });
      c = info.dashCol;
      mode = 'dash';
    }
  }
  return out.reverse();
}

function steps(path: readonly Ancestor[]): string[] {
  return path.map((a) => a.step);
}

/** 'feature-gates.*.name' for ['feature-gates', 0, 'name']. */
export function pathKey(path: KeyPath): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

/** Keys written at column `col` of the mapping that the line `from` belongs to (that line excluded). */
function mapKeys(p: ParsedText, from: number, col: number, itemLine: number | undefined): Set<string> {
  const keys = new Set<string>();
  if (itemLine !== undefined && itemLine !== from) {
    const first = p.line(itemLine);
    if (first.key !== undefined && first.contentCol === col) keys.add(first.key);
  }
  const start = itemLine !== undefined ? itemLine + 1 : 0;
  const visit = (l: number): boolean => {
    const info = p.line(l);
    if (info.blank) return true;
    if (info.dashCol >= 0) {
      if (info.dashCol < col) return false;
      return true;
    }
    if (info.indent < col) return false;
    if (info.indent === col && info.key !== undefined) keys.add(info.key);
    return true;
  };
  for (let l = from - 1; l >= start; l--) if (!visit(l)) break;
  for (let l = from + 1; l < p.lines.length; l++) if (!visit(l)) break;
  return keys;
}

/** The text items of the list under the key on line `keyLine` (block or flow), the cursor line excluded. */
function listItems(p: ParsedText, keyLine: number, cursorLine: number): string[] {
  const head = p.line(keyLine);
  const items: string[] = [];
  if (head.valueStart >= 0 && head.text[head.valueStart] === '[') {
    const inner = head.text.slice(head.valueStart + 1, head.valueEnd).replace(/\]$/, '');
    for (const part of inner.split(',')) if (part.trim()) items.push(unquote(part.trim()));
    return items;
  }
  const keyCol = head.dashCol >= 0 && head.key !== undefined ? head.contentCol : head.indent;
  let dash = -1;
  for (let l = keyLine + 1; l < p.lines.length; l++) {
    const info = p.line(l);
    if (info.blank) continue;
    if (info.dashCol < 0 && info.indent <= keyCol) break;
    if (info.dashCol >= 0 && info.dashCol < keyCol) break;
    if (info.dashCol >= 0 && dash < 0) dash = info.dashCol;
    if (l !== cursorLine && info.dashCol === dash && info.key === undefined && info.valueStart >= 0) {
      items.push(unquote(info.text.slice(info.valueStart, info.valueEnd)));
    }
  }
  return items;
}

export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"') return t.slice(1, -1).replace(/\\(.)/g, '$1');
  if (t.length >= 2 && t[0] === "'" && t[t.length - 1] === "'") return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

/** A top-level `key: value` read from the lines (works on broken files), unquoted; '' when absent. */
export function topLevelValue(p: ParsedText, key: string): string {
  for (let l = 0; l < p.lines.length; l++) {
    const info = p.line(l);
    if (info.key === key && info.indent === 0 && info.dashCol < 0) return unquote(info.text.slice(info.valueStart, info.valueEnd));
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Where the cursor is.

type Context =
  | {
      kind: 'key';
      /** The mapping whose keys are offered. */
      path: string[];
      present: Set<string>;
      replace: EditRange;
      /** A colon already follows the word: insert the key alone. */
      hasColon: boolean;
      /**
       * A new list item whose items are mappings: 'dash' when the line starts with `- ` and the
       * item holds nothing else yet; 'new' when the line has no dash yet (only a whole `- …`
       * entry fits).
       */
      newItem: 'no' | 'dash' | 'new';
    }
  | {
      kind: 'value';
      /** The field whose value is typed; list items end with '*'. */
      path: string[];
      prefix: string;
      replace: EditRange;
      /** Values already in the same list. */
      taken: Set<string>;
      /** Insert `- ` before each value (the cursor is inside a list, on a line without a dash). */
      dash: boolean;
      /** Where the list's key is, to find its items. */
      listKeyLine?: number;
    };

function editRange(line: number, start: number, end: number): EditRange {
  return { startLine: line, startCharacter: start, endLine: line, endCharacter: end };
}

function isScalarShape(name: SchemaName, path: readonly string[]): boolean {
  const node = schemaAt(name, path);
  return !!node && shapeOf(node) !== 'object' && shapeOf(node) !== 'array';
}

function contextFromModel(p: ParsedText, schema: SchemaName, line: number, character: number): Context | undefined {
  if (!p.clean || !p.document.root) return undefined;
  const offset = p.document.offsetAt({ line, character: Math.min(character, (p.lines[line] ?? '').length) });
  const hit = locate(p.document, offset);
  if (!hit) return undefined;
  const path = hit.path.map((s) => (typeof s === 'number' ? '*' : s));
  const start = p.document.positionAt(hit.start);
  const end = p.document.positionAt(hit.end);
  if (start.line !== line || end.line !== line) return undefined;
  if (hit.on === 'key') {
    const parent = hit.parentKeys;
    return {
      kind: 'key',
      path: path.slice(0, -1),
      present: new Set([...parent].filter((k) => k !== hit.key)),
      replace: editRange(line, start.character, end.character),
      hasColon: true,
      newItem: 'no',
    };
  }
  if (hit.on === 'flow-seq') {
    return { kind: 'value', path: [...path, '*'], prefix: '', replace: editRange(line, character, character), taken: new Set(hit.items), dash: false };
  }
  // A scalar where a mapping or list belongs is a key or an item being typed: the lines decide.
  if (!path.length || !isScalarShape(schema, path)) return undefined;
  return {
    kind: 'value',
    path,
    prefix: p.text.slice(hit.start, offset),
    replace: editRange(line, start.character, end.character),
    taken: new Set(hit.items),
    dash: false,
  };
}

interface ModelHit {
  on: 'key' | 'value' | 'flow-seq';
  path: (string | number)[];
  start: number;
  end: number;
  key?: string;
  parentKeys: string[];
  /** For an item of a list, or a place in a flow list: the list's other text items. */
  items: string[];
}

export function locate(doc: YamlDocument, offset: number): ModelHit | undefined {
  const walk = (node: YamlNode, path: (string | number)[], siblings: string[]): ModelHit | undefined => {
    if (node.kind === 'map') {
      const keys = node.entries.map((e) => e.key);
      for (const entry of node.entries) {
        const keyEnd = doc.offsetAt(entry.keyRange.end);
        if (offset >= entry.start && offset <= keyEnd && keyEnd > entry.start) {
          return { on: 'key', path: [...path, entry.key], start: entry.start, end: keyEnd, key: entry.key, parentKeys: keys, items: [] };
        }
        const v = entry.value;
        if (!(v.kind === 'scalar' && v.isNull) && offset >= v.start && offset <= v.end) return walk(v, [...path, entry.key], []);
      }
      return undefined;
    }
    if (node.kind === 'seq') {
      const texts = (except: number): string[] => node.items.flatMap((n, i) => (i !== except && n.kind === 'scalar' && !n.isNull ? [n.text] : []));
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        if (item.kind === 'scalar' && item.isNull) continue;
        if (offset >= item.start && offset <= item.end) return walk(item, [...path, i], item.kind === 'scalar' ? texts(i) : []);
      }
      if (node.flow && offset > node.start && offset < node.end) return { on: 'flow-seq', path, start: offset, end: offset, parentKeys: [], items: texts(-1) };
      return undefined;
    }
    if (node.isNull) return undefined;
    return { on: 'value', path, start: node.start, end: node.end, parentKeys: [], items: siblings };
  };
  return doc.root ? walk(doc.root, [], []) : undefined;
}

const WORD = /[A-Za-z0-9_.@/-]/;

function contextFromLines(p: ParsedText, schema: SchemaName, line: number, character: number): Context | undefined {
  const full = p.lines[line] ?? '';
  const col = Math.min(character, full.length);
  const prefix = full.slice(0, col);
  if (/(^|\s)#/.test(stripQuoted(prefix))) return undefined; // in a comment
  const info = readYamlLine(prefix);
  const fullInfo = p.line(line);
  if (info.blank && prefix.trim() === '') {
    // Nothing typed yet on this line (or only indentation).
    return keyOrItem(p, schema, line, col, col, '', fullInfo, false);
  }
  if (info.key !== undefined) {
    // `key: value|`: a value, of the key itself or of a list item's key.
    const container =
      info.dashCol >= 0 ? [...steps(ancestry(p, line, info.dashCol, 'dash')), '*', info.key] : [...steps(ancestry(p, line, info.indent, 'key')), info.key];
    const typed = prefix.slice(info.valueStart);
    if (typed.startsWith('[')) return flowItem(p, line, info.valueStart, col, container);
    if (typed.startsWith('{')) return undefined;
    // The rest of the value after the cursor is replaced too (the whole value, when the cursor is before it).
    const sameKey = fullInfo.key === info.key && fullInfo.keyStart === info.keyStart && fullInfo.valueStart >= 0;
    const end = sameKey ? Math.max(col, fullInfo.valueEnd) : col;
    return { kind: 'value', path: container, prefix: typed, replace: editRange(line, info.valueStart, end), taken: new Set(), dash: false };
  }
  const rest = prefix.slice(info.contentCol);
  if (info.dashCol >= 0 || /^[A-Za-z0-9_.-]*$/.test(rest)) {
    return keyOrItem(p, schema, line, info.dashCol >= 0 ? info.dashCol : info.indent, info.contentCol, rest, fullInfo, info.dashCol >= 0);
  }
  return undefined;
}

/** Quoted parts blanked out, so that `#` inside quotes is not a comment. */
function stripQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?/g, (m) => ' '.repeat(m.length));
}

/** The item of a one-line flow list `[a, b]` (opening at `open`) around column `col`, trimmed. */
export function flowItemRange(text: string, open: number, col: number): { start: number; end: number } {
  let start = open + 1;
  let quote: string | undefined;
  let i = open + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === ',' || c === ']') {
      if (i >= col) break;
      start = i + 1;
    }
  }
  let end = i;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function flowItem(p: ParsedText, line: number, open: number, col: number, path: string[]): Context {
  const full = p.lines[line];
  const item = flowItemRange(full, open, col);
  // Before an item's first character (right after a comma): insert, do not replace the next item.
  const [start, end] = col < item.start || col > item.end ? [col, col] : [item.start, item.end];
  const close = full.indexOf(']', open);
  const all = full.slice(open + 1, close < 0 ? full.length : close).split(',');
  const taken = new Set(all.map((s) => unquote(s)).filter((s) => s !== ''));
  taken.delete(unquote(full.slice(start, end)));
  return { kind: 'value', path: [...path, '*'], prefix: full.slice(start, col), replace: editRange(line, start, end), taken, dash: false };
}

/**
 * A line with only indentation, dashes and maybe a word: the key of a mapping, or an item of a
 * list (or a new list item under a key whose value is a list).
 */
function keyOrItem(
  p: ParsedText,
  schema: SchemaName,
  line: number,
  col: number,
  wordStart: number,
  word: string,
  fullInfo: YamlLine,
  onDash: boolean,
): Context | undefined {
  const full = p.lines[line] ?? '';
  let wordEnd = wordStart + word.length;
  while (wordEnd < full.length && WORD.test(full[wordEnd])) wordEnd++;
  const hasColon = /^[ \t]*:/.test(full.slice(wordEnd));
  const replace = editRange(line, wordStart, wordEnd);
  const anc = ancestry(p, line, col, onDash ? 'dash' : 'key');
  const container = steps(anc);
  if (onDash) {
    // `- |` or `- wor|`: an item of the list `container`.
    const itemPath = [...container, '*'];
    const parentKey = anc.length ? anc[anc.length - 1] : undefined;
    const itemShape = schemaShape(schema, itemPath);
    if (itemShape === 'object') {
      const present = mapKeys(p, line, fullInfo.contentCol, line);
      if (fullInfo.key !== undefined) present.delete(fullInfo.key);
      return { kind: 'key', path: itemPath, present, replace, hasColon, newItem: present.size === 0 && !hasColon ? 'dash' : 'no' };
    }
    // A quoted item being typed (`- "@al`) is not a word: replace to the end of the value.
    const valueReplace = fullInfo.valueStart >= 0 ? editRange(line, fullInfo.valueStart, Math.max(fullInfo.valueEnd, wordEnd)) : replace;
    const cursor = wordStart + word.length;
    const typed = full.slice(fullInfo.valueStart >= 0 ? Math.min(fullInfo.valueStart, cursor) : wordStart, cursor);
    const ctx: Context = { kind: 'value', path: itemPath, prefix: typed, replace: valueReplace, taken: new Set(), dash: false };
    if (parentKey && parentKey.step !== '*') ctx.listKeyLine = parentKey.line;
    return ctx;
  }
  const shape = schemaShape(schema, container);
  if (shape === 'array') {
    // Indented under a list's key, without a dash yet: offer `- item`.
    const parentKey = anc.length ? anc[anc.length - 1] : undefined;
    const itemPath = [...container, '*'];
    if (schemaShape(schema, itemPath) === 'object') return { kind: 'key', path: itemPath, present: new Set(), replace, hasColon: false, newItem: 'new' };
    const ctx: Context = { kind: 'value', path: itemPath, prefix: word, replace, taken: new Set(), dash: true };
    if (parentKey && parentKey.step !== '*') ctx.listKeyLine = parentKey.line;
    return ctx;
  }
  const last = anc.length ? anc[anc.length - 1] : undefined;
  const itemLine = last && last.step === '*' ? last.line : undefined;
  const present = mapKeys(p, line, col, itemLine);
  return { kind: 'key', path: container, present, replace, hasColon, newItem: 'no' };
}

function schemaShape(schema: SchemaName, path: readonly string[]): string | undefined {
  const node = schemaAt(schema, path);
  return node ? shapeOf(node) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Releases.

/**
 * Kubernetes ships about three minor releases a year (one every ~122 days). We anchor on a known
 * release date, v1.34 released on 2025-08-27, and count cycles from there; the "current" release
 * is the one in development (the next one to ship after `today`), the one KEPs being worked on
 * target. The estimate drifts by a few weeks around release days; the workspace corrects it when
 * its KEPs already name a later release in `latest-milestone`.
 */
const ANCHOR_MINOR = 34;
const ANCHOR_DATE = Date.UTC(2025, 7, 27);
const CYCLE_DAYS = 365.25 / 3;
const DAY_MS = 86_400_000;

export function releaseInDevelopment(today: string): Milestone {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Date.now();
  const shipped = Math.floor((t - ANCHOR_DATE) / DAY_MS / CYCLE_DAYS);
  return { major: 1, minor: Math.max(1, ANCHOR_MINOR + shipped + 1) };
}

const highestCache = new WeakMap<WorkspaceFiles, Map<string, { at: number; value: Milestone | undefined }>>();
const HIGHEST_TTL_MS = 5 * 60_000;
const LATEST = /^latest-milestone:[ \t]*["']?[vV]?(\d+)\.(\d+)["']?[ \t]*(?:#.*)?$/m;

/**
 * The highest `latest-milestone` among the workspace's KEPs (keps/<group>/<kep>/kep.yaml), when
 * the host can list folders. Read with a regular expression, not parsed, and cached per
 * workspace for a few minutes: it only steers which releases completion offers.
 */
export function highestWorkspaceMilestone(path: string, files: WorkspaceFiles): Milestone | undefined {
  const root = enhancementsLocation(path)?.root;
  if (root === undefined || !files.listDirectory) return undefined;
  let perFiles = highestCache.get(files);
  if (!perFiles) highestCache.set(files, (perFiles = new Map()));
  const cached = perFiles.get(root);
  if (cached && Date.now() - cached.at < HIGHEST_TTL_MS) return cached.value;
  let best: Milestone | undefined;
  let read = 0;
  const keps = joinPath(root, 'keps');
  for (const group of files.listDirectory(keps) ?? []) {
    if (group === 'prod-readiness' || group.includes('.')) continue;
    for (const kep of files.listDirectory(joinPath(keps, group)) ?? []) {
      if (!/^\d+-/.test(kep) || ++read > 5000) continue;
      const text = files.readText(joinPath(keps, group, kep, 'kep.yaml'));
      const m = text ? LATEST.exec(text) : null;
      if (!m) continue;
      const v = { major: Number(m[1]), minor: Number(m[2]) };
      if (!best || compareMilestones(v, best) > 0) best = v;
    }
  }
  perFiles.set(root, { at: Date.now(), value: best });
  return best;
}

/** The release in development: from the date, or the workspace's highest latest-milestone when later (at most two ahead). */
export function currentRelease(path: string, files: WorkspaceFiles, today: string): { release: Milestone; fromWorkspace: boolean } {
  const byDate = releaseInDevelopment(today);
  const highest = highestWorkspaceMilestone(path, files);
  if (highest && highest.major === byDate.major && highest.minor > byDate.minor && highest.minor <= byDate.minor + 2) {
    return { release: highest, fromWorkspace: true };
  }
  return { release: byDate, fromWorkspace: false };
}

// ---------------------------------------------------------------------------------------------
// The sibling README's feature gates.

export interface ReadmeGate {
  name: string;
  /** 0-based line of the README where it is named. */
  line: number;
  character: number;
  /** The README line, as written. */
  text: string;
}

const GATE_LABEL = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(?:\*\*)?feature[ -]gate names?(?:\*\*)?\s*:(?:\*\*)?(.*)$/i;
const NAME_TOKEN = /^(?:[A-Za-z][A-Za-z0-9_]*|KUBECTL_[A-Z0-9_]+)$/;

/**
 * The names given under "Feature gate name:" bullets of a README (outside HTML comments and code
 * fences): on the bullet itself (`` `Name` ``, a link's text, or the first word of each
 * comma-separated part) or, when the bullet is empty, on its sub-bullets.
 */
export function readmeFeatureGates(text: string): ReadmeGate[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: ReadmeGate[] = [];
  let fence: string | undefined;
  let comment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (comment) {
      if (line.includes('-->')) comment = false;
      continue;
    }
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      fence = f[1];
      continue;
    }
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open + 4) < 0) comment = true;
    const m = GATE_LABEL.exec(line);
    if (!m) continue;
    const restStart = line.length - m[2].length;
    const found = namesIn(m[2], restStart);
    if (found.length) {
      for (const n of found) out.push({ name: n.name, line: i, character: n.at, text: line });
      continue;
    }
    if (m[2].trim() !== '') continue;
    // Names on sub-bullets.
    const indent = m[1].length;
    for (let j = i + 1; j < lines.length; j++) {
      const sub = /^(\s*)[-*+]\s+(.*)$/.exec(lines[j]);
      if (!sub || sub[1].length <= indent) break;
      const names = namesIn(sub[2], lines[j].length - sub[2].length).slice(0, 1);
      for (const n of names) out.push({ name: n.name, line: j, character: n.at, text: lines[j] });
    }
  }
  return out;
}

function namesIn(rest: string, offset: number): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  const ticks = [...rest.matchAll(/`([^`]+)`/g)];
  if (ticks.length) {
    for (const t of ticks) {
      const name = t[1].trim();
      if (NAME_TOKEN.test(name)) out.push({ name, at: offset + t.index + 1 + t[1].indexOf(name) });
    }
    return out;
  }
  const link = /^\s*\[([^\]]+)\]\(/.exec(rest);
  if (link) {
    const name = link[1].trim();
    if (NAME_TOKEN.test(name)) out.push({ name, at: offset + rest.indexOf(link[1]) + link[1].indexOf(name) });
    return out;
  }
  let pos = 0;
  for (const part of rest.split(/,|;|\band\b/)) {
    const word = /^\s*([A-Za-z][A-Za-z0-9_]*)/.exec(part);
    if (word && NAME_TOKEN.test(word[1]) && /[A-Z]/.test(word[1])) out.push({ name: word[1], at: offset + pos + part.indexOf(word[1]) });
    pos += part.length + 1;
  }
  return out;
}

const README_NAMES = ['README.md', 'README.MD', 'readme.md'];

/** The sibling README of a kep.yaml: its path and text, when there is one. */
export function siblingReadme(kepYamlPath: string, files: WorkspaceFiles): { path: string; text: string } | undefined {
  for (const name of README_NAMES) {
    const path = joinPath(dirname(kepYamlPath), name);
    const text = files.exists(path) ? files.readText(path) : undefined;
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Production readiness approvers.

export interface PrrApproverLists {
  /** From the workspace's OWNERS_ALIASES, when one lists either alias. */
  ownersAliasesPath?: string;
  active: string[];
  emeritus: string[];
}

const aliasesCache = new Map<string, { text: string; lists: PrrApproverLists | undefined }>();

/** The PRR approvers of the nearest OWNERS_ALIASES that lists them; undefined when none does. */
export function workspacePrrApprovers(path: string, files: WorkspaceFiles): PrrApproverLists | undefined {
  for (const dir of ancestors(path)) {
    const candidate = joinPath(dir, 'OWNERS_ALIASES');
    const text = files.exists(candidate) ? files.readText(candidate) : undefined;
    if (text === undefined) continue;
    const cached = aliasesCache.get(candidate);
    let lists: PrrApproverLists | undefined;
    if (cached && cached.text === text) lists = cached.lists;
    else {
      const aliases = parseOwnersAliases(text);
      const active = aliases.get('prod-readiness-approvers');
      const emeritus = aliases.get('prod-readiness-approvers-emeritus');
      const strip = (l: string[] | undefined): string[] => (l ?? []).map((n) => n.replace(/^@/, '')).filter((n) => n !== '');
      lists = active || emeritus ? { ownersAliasesPath: candidate, active: strip(active), emeritus: strip(emeritus) } : undefined;
      if (aliasesCache.size > 16) aliasesCache.clear();
      aliasesCache.set(candidate, { text, lists });
    }
    if (lists) return lists;
  }
  return undefined;
}

export const BUNDLED_SNAPSHOT_DATE = '2026-08-21';

// ---------------------------------------------------------------------------------------------
// The KEP that a PRR approval file belongs to (for its current stage).

export interface PrrKep {
  /** keps/<group>/<number>-<name>, relative to the checkout. */
  folder: string;
  stage: string;
}

/** The kep.yaml of keps/<group>/<number>-*, found by listing the group folder. */
export function kepOfPrrFile(path: string, files: WorkspaceFiles): PrrKep | undefined {
  const location = enhancementsLocation(path);
  if (!location || !files.listDirectory) return undefined;
  const [top, group, file] = location.segments;
  if (top !== 'prod-readiness' || !group || !file) return undefined;
  const number = file.replace(/\.ya?ml$/i, '');
  if (!/^\d+$/.test(number)) return undefined;
  const groupDir = joinPath(location.root, 'keps', group);
  const folder = (files.listDirectory(groupDir) ?? []).find((n) => n.startsWith(`${number}-`) || n === number);
  if (!folder) return undefined;
  const text = files.readText(joinPath(groupDir, folder, 'kep.yaml'));
  if (text === undefined) return undefined;
  return { folder: `keps/${group}/${folder}`, stage: topLevelValue(parseText(text), 'stage') };
}

// ---------------------------------------------------------------------------------------------
// Completion.

/**
 * Errors that completion and hover caught instead of throwing (the last few), so that tests can
 * assert that none happened: the services must not fail, not merely hide failures.
 */
export const caughtErrors: unknown[] = [];

export function noteCaught(error: unknown): void {
  caughtErrors.push(error);
  if (caughtErrors.length > 20) caughtErrors.shift();
}

export function completeMetadata(input: MetadataCompletionInput): CompletionEntry[] {
  try {
    return complete(input);
  } catch (e) {
    noteCaught(e);
    return [];
  }
}

function complete(input: MetadataCompletionInput): CompletionEntry[] {
  const kind = metadataFileKind(input.path);
  if (!kind) return [];
  const p = parseText(input.text);
  if (input.line < 0 || input.line >= p.lines.length) return [];
  const ctx = contextFromModel(p, kind, input.line, input.character) ?? contextFromLines(p, kind, input.line, input.character);
  if (!ctx) return [];
  if (ctx.kind === 'key') return kind === 'kep' ? kepKeys(ctx, input) : prrKeys(ctx, input);
  if (ctx.listKeyLine !== undefined) for (const t of listItems(p, ctx.listKeyLine, input.line)) ctx.taken.add(t);
  const values = kind === 'kep' ? kepValues(ctx, p, input, currentValue(p, ctx)) : prrValues(ctx, input);
  // `key:|` with no space yet: the value needs one.
  const lead = ctx.replace.startCharacter > 0 && p.lines[input.line][ctx.replace.startCharacter - 1] === ':' ? ' ' : '';
  return values.map((v, i) => {
    const entry: CompletionEntry = {
      label: v.label ?? displayLabel(v.text, ctx.prefix),
      kind: 'value',
      insertText: lead + (ctx.dash ? '- ' : '') + v.text,
      replace: ctx.replace,
      sortText: v.sortText ?? String(i).padStart(4, '0'),
    };
    if (v.detail) entry.detail = v.detail;
    if (v.documentation) entry.documentation = v.documentation;
    return entry;
  });
}

const UNUSED_FIELDS = new Set(['id', 'prnumber', 'name', 'path']);
const HANDLE_LISTS = new Set(['authors', 'reviewers', 'approvers']);

function shapeDetail(name: SchemaName, path: readonly string[]): string {
  const info = fieldInfo(name, path);
  if (!info) return '';
  const key = path[path.length - 1];
  let what: string;
  if (HANDLE_LISTS.has(key)) what = 'list of GitHub handles';
  else if (info.shape === 'array') what = 'list';
  else if (info.shape === 'object') what = 'mapping';
  else if (info.shape === 'boolean') what = 'true or false';
  else if (info.format === 'date') what = 'date (yyyy-mm-dd)';
  else if (info.format === 'kep-milestone') what = 'release ("v1.NN")';
  else if (info.format === 'github-handle') what = 'GitHub handle';
  else what = 'text';
  return info.required ? `${what} · required` : what;
}

function keyEntry(name: SchemaName, path: string[], key: string, ctx: Extract<Context, { kind: 'key' }>, order: number, insert?: string): CompletionEntry {
  const fieldPath = [...path, key];
  const info = fieldInfo(name, fieldPath);
  const entry: CompletionEntry = {
    label: key,
    kind: 'field',
    detail: shapeDetail(name, fieldPath),
    insertText: ctx.hasColon ? key : (insert ?? `${key}: `),
    replace: ctx.replace,
    sortText: String(order).padStart(4, '0'),
  };
  if (!ctx.hasColon && insert !== undefined && /\$\{?\d/.test(insert)) entry.snippet = true;
  if (info?.description) entry.documentation = info.description;
  return entry;
}

function kepKeys(ctx: Extract<Context, { kind: 'key' }>, input: MetadataCompletionInput): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const keys = knownKeys('kep', ctx.path).filter((k) => !ctx.present.has(k) && !(ctx.path.length === 0 && UNUSED_FIELDS.has(k)));
  const key = pathKey(ctx.path);
  const releases = (): Milestone[] => {
    const { release } = currentRelease(input.path, input.files, input.today);
    return [0, 1, 2].map((d) => ({ major: release.major, minor: release.minor + d }));
  };
  const gateNames = (): string[] => {
    const readme = siblingReadme(input.path, input.files);
    return readme ? [...new Set(readmeFeatureGates(readme.text).map((g) => g.name))] : [];
  };
  keys.forEach((k, i) => {
    let insert: string | undefined;
    if (key === '') {
      if (HANDLE_LISTS.has(k)) insert = `${k}:\n  - "@\${1}"`;
      else if (k === 'milestone') {
        const [a, b, c] = releases().map(formatMilestone);
        insert = `milestone:\n  alpha: "\${1:${a}}"\n  beta: "\${2:${b}}"\n  stable: "\${3:${c}}"`;
      } else if (k === 'feature-gates') {
        const names = gateNames();
        insert = `feature-gates:\n  - name: \${1${names.length === 1 ? `:${snippetText(names[0])}` : ''}}\n    components:\n      - \${2}`;
      } else if (schemaAt('kep', [k]) && shapeOf(schemaAt('kep', [k])!) === 'array') insert = `${k}:\n  - \${1}`;
    } else if (key === 'feature-gates.*' && k === 'components') insert = 'components:\n  - ${1}';
    out.push(keyEntry('kep', ctx.path, k, ctx, i, insert));
  });
  if (key === 'feature-gates.*' && ctx.newItem === 'dash') {
    const names = gateNames();
    out.unshift({
      label: 'feature gate entry',
      kind: 'snippet',
      detail: 'name and components',
      documentation: 'A feature gate and the components (programs) in which it must be turned on.',
      insertText: `name: \${1${names.length === 1 ? `:${snippetText(names[0])}` : ''}}\n  components:\n    - \${2}`,
      snippet: true,
      replace: ctx.replace,
      sortText: '0000',
    });
  }
  // On a line inside `feature-gates:` without a dash, keys are not possible: a whole entry is.
  if (key === 'feature-gates.*' && ctx.newItem === 'new') {
    const names = gateNames();
    return [
      {
        label: '- name: … components: …',
        kind: 'snippet',
        detail: 'feature gate entry',
        documentation: 'A feature gate and the components (programs) in which it must be turned on.',
        insertText: `- name: \${1${names.length === 1 ? `:${snippetText(names[0])}` : ''}}\n  components:\n    - \${2}`,
        snippet: true,
        replace: ctx.replace,
        sortText: '0000',
      },
    ];
  }
  return out;
}

function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function prrKeys(ctx: Extract<Context, { kind: 'key' }>, input: MetadataCompletionInput): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const keys = knownKeys('prr', ctx.path).filter((k) => !ctx.present.has(k));
  if (ctx.path.length === 0) {
    const kep = kepOfPrrFile(input.path, input.files);
    const number = basename(input.path).replace(/\.ya?ml$/i, '');
    keys.forEach((k, i) => {
      let insert: string | undefined;
      if (k === 'kep-number') insert = /^\d+$/.test(number) ? `kep-number: \${1:${number}}` : undefined;
      else if ((PRR_STAGES as readonly string[]).includes(k)) insert = `${k}:\n  approver: "@\${1}"`;
      const entry = keyEntry('prr', ctx.path, k, ctx, i, insert);
      if (kep && kep.stage === k) {
        entry.detail = `${entry.detail ? `${entry.detail} · ` : ''}the KEP's current stage`;
        entry.sortText = '0000';
      }
      out.push(entry);
    });
    return out;
  }
  keys.forEach((k, i) => out.push(keyEntry('prr', ctx.path, k, ctx, i)));
  return out;
}

/**
 * The label shows the value the way the user is typing it, because editors filter entries by
 * matching the typed text against the label: quoted only when a quote was typed, and without the
 * `@` of a handle when the user started with its first letter (`@` does not start a word for
 * VS Code's filter).
 */
function displayLabel(text: string, prefix: string): string {
  const typed = prefix.trimStart();
  let label = /^["']/.test(typed) ? text : unquote(text);
  if (/^[A-Za-z0-9]/.test(typed) && label.startsWith('@')) label = label.slice(1);
  return label;
}

/** The whole value the entries replace, unquoted (the cursor may be in its middle). */
function currentValue(p: ParsedText, ctx: Extract<Context, { kind: 'value' }>): string {
  const r = ctx.replace;
  return r.startLine === r.endLine ? unquote((p.lines[r.startLine] ?? '').slice(r.startCharacter, r.endCharacter)) : '';
}

interface Candidate {
  /** As inserted (quotes included). */
  text: string;
  label?: string;
  detail?: string;
  documentation?: string;
  sortText?: string;
}

/** The quote the user opened, or the one the value needs. */
function quoteFor(prefix: string, needed: boolean): string {
  const first = prefix.trimStart()[0];
  if (first === '"' || first === "'") return first;
  return needed ? '"' : '';
}

function quoteWith(q: string, text: string): string {
  if (!q) return text;
  return q === "'" ? `'${text.replace(/'/g, "''")}'` : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function kepValues(ctx: Extract<Context, { kind: 'value' }>, p: ParsedText, input: MetadataCompletionInput, current: string): Candidate[] {
  const key = pathKey(ctx.path);
  const plain = (q: string, values: { value: string; detail?: string; documentation?: string; sortText?: string }[]): Candidate[] =>
    values
      .filter((v) => !ctx.taken.has(v.value))
      .map((v) => {
        const c: Candidate = { text: quoteWith(q, v.value) };
        if (v.detail) c.detail = v.detail;
        if (v.documentation) c.documentation = v.documentation;
        if (v.sortText) c.sortText = v.sortText;
        return c;
      });
  const q = quoteFor(ctx.prefix, false);
  switch (key) {
    case 'status':
    case 'stage': {
      const node = schemaAt('kep', [key]);
      return plain(
        q,
        (node?.enum ?? []).map((value, i) => ({ value, documentation: node?.enumDescriptions?.[i] })),
      );
    }
    case 'disable-supported':
      return plain(q, [
        { value: 'true', documentation: 'The enhancement can be turned off again after it was turned on.' },
        { value: 'false', documentation: 'Once turned on, the enhancement cannot be turned off safely.' },
      ]);
    case 'owning-sig':
    case 'participating-sigs.*': {
      const facts = workspaceFacts(input.path, input.files);
      const own = kepFolder(input.path).group;
      const owning = topLevelValue(p, 'owning-sig');
      const groups = facts.groups().filter((g) => key === 'owning-sig' || g !== owning);
      const values = groups.map((g) => ({
        value: g,
        detail: g === own ? "this KEP's folder" : undefined,
        sortText: g === own ? `0-${g}` : `1-${g}`,
      }));
      if (key === 'participating-sigs.*') values.push({ value: 'kubernetes-wide', detail: 'touches every group', sortText: `2-kubernetes-wide` });
      return plain(q, values);
    }
    case 'latest-milestone':
    case 'milestone.alpha':
    case 'milestone.beta':
    case 'milestone.stable':
    case 'milestone.deprecated':
    case 'milestone.disabled':
    case 'milestone.removed':
      return milestoneValues(ctx, input);
    case 'creation-date':
    case 'last-updated':
      return /^\d{4}-\d{2}-\d{2}$/.test(input.today) ? plain(q, [{ value: input.today, detail: 'today' }]) : [];
    case 'kep-number': {
      const n = kepFolder(input.path).number;
      return n ? plain(q, [{ value: n, detail: "the number of this KEP's folder" }]) : [];
    }
    case 'authors.*':
    case 'reviewers.*':
    case 'approvers.*':
    case 'editor':
      return handleValues(ctx, p, key.replace(/\.\*$/, ''), current);
    case 'feature-gates.*.components.*':
      return componentValues(ctx, p, q);
    case 'feature-gates.*.name':
      return gateNameValues(p, input, q, current);
    default:
      return [];
  }
}

function milestoneValues(ctx: Extract<Context, { kind: 'value' }>, input: MetadataCompletionInput): Candidate[] {
  const q = quoteFor(ctx.prefix, true);
  const { release, fromWorkspace } = currentRelease(input.path, input.files, input.today);
  const basis = fromWorkspace
    ? `the highest \`latest-milestone\` among this workspace's KEPs`
    : `today's date (${input.today}), counting about three releases a year from v1.34 (released 2025-08-27)`;
  const offsets: [number, string, string][] = [
    [0, 'release in development', '0'],
    [1, 'next release', '1'],
    [2, 'release after next', '2'],
    [-1, 'last release', '3'],
  ];
  const out: Candidate[] = [];
  for (const [d, what, sort] of offsets) {
    const m = { major: release.major, minor: release.minor + d };
    if (m.minor < 0) continue;
    const text = formatMilestone(m);
    if (ctx.taken.has(text)) continue;
    out.push({ text: quoteWith(q, text), detail: what, documentation: `${text}: the ${what}, estimated from ${basis}.`, sortText: sort });
  }
  return out;
}

function normalizeHandle(text: string): string {
  const t = unquote(text).trim();
  return t.startsWith('@') ? t : `@${t}`;
}

function handleValues(ctx: Extract<Context, { kind: 'value' }>, p: ParsedText, list: string, currentText: string): Candidate[] {
  const used = new Map<string, Set<string>>();
  const add = (handle: string, where: string): void => {
    const h = normalizeHandle(handle);
    if (!/^@[A-Za-z0-9][A-Za-z0-9._-]*$/.test(h) || h.toUpperCase() === '@TBD') return;
    if (!used.has(h)) used.set(h, new Set());
    used.get(h)!.add(where);
  };
  const kep = p.kep();
  if (kep.root) {
    for (const [field, name] of [
      [kep.authors, 'authors'],
      [kep.reviewers, 'reviewers'],
      [kep.approvers, 'approvers'],
    ] as const) {
      for (const item of field?.items ?? []) if (!item.isNull) add(item.text, name);
    }
    if (kep.editor?.text) add(kep.editor.text, 'editor');
  } else {
    // The file does not parse: every `@handle` written as a list item or value.
    for (let l = 0; l < p.lines.length; l++) {
      const info = p.line(l);
      if (info.valueStart < 0) continue;
      const value = unquote(info.text.slice(info.valueStart, info.valueEnd));
      if (value.startsWith('@')) add(value, 'this file');
    }
  }
  const taken = new Set([...ctx.taken].map(normalizeHandle));
  const current = normalizeHandle(currentText);
  const q = quoteFor(ctx.prefix, true);
  const out: Candidate[] = [];
  for (const [handle, where] of used) {
    if (taken.has(handle) || (where.size === 1 && where.has(list) && handle === current)) continue;
    out.push({ text: quoteWith(q, handle), detail: `in ${[...where].join(', ')}`, sortText: `0-${handle}` });
  }
  if (list === 'reviewers' || list === 'approvers' || list === 'editor') {
    if (!taken.has('@TBD')) out.push({ text: quoteWith(quoteFor(ctx.prefix, false), 'TBD'), detail: 'to be decided (provisional KEPs)', sortText: '1-TBD' });
  }
  return out;
}

function componentValues(ctx: Extract<Context, { kind: 'value' }>, p: ParsedText, q: string): Candidate[] {
  const inFile = new Map<string, number>();
  for (const gate of p.kep().featureGates?.gates ?? [])
    for (const c of gate.components?.items ?? []) if (!c.isNull) inFile.set(c.text, (inFile.get(c.text) ?? 0) + 1);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const [c] of [...inFile].sort((a, b) => b[1] - a[1])) {
    if (ctx.taken.has(c) || seen.has(c)) continue;
    seen.add(c);
    out.push({ text: quoteWith(q, c), detail: 'used by another gate of this KEP', sortText: `0-${String(out.length).padStart(3, '0')}` });
  }
  KNOWN_COMPONENTS.forEach((c, i) => {
    if (ctx.taken.has(c) || seen.has(c)) return;
    seen.add(c);
    out.push({ text: quoteWith(q, c), detail: 'Kubernetes component', sortText: `1-${String(i).padStart(3, '0')}` });
  });
  return out;
}

function gateNameValues(p: ParsedText, input: MetadataCompletionInput, q: string, current: string): Candidate[] {
  const readme = siblingReadme(input.path, input.files);
  if (!readme) return [];
  // Names of the other entries: the entry being edited holds `current`.
  const named = new Map<string, number>();
  for (const g of p.kep().featureGates?.gates ?? []) {
    const name = g.name?.text?.trim();
    if (name) named.set(name, (named.get(name) ?? 0) + 1);
  }
  if (current) named.set(current, (named.get(current) ?? 0) - 1);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const gate of readmeFeatureGates(readme.text)) {
    if (seen.has(gate.name)) continue;
    seen.add(gate.name);
    const already = (named.get(gate.name) ?? 0) > 0;
    out.push({
      text: quoteWith(q, gate.name),
      detail: already ? `README.md line ${gate.line + 1} · already in feature-gates` : `README.md line ${gate.line + 1}`,
      documentation: `Named under "Feature gate name:" in ${markdownText(basename(readme.path))}, line ${gate.line + 1}.`,
      sortText: `${already ? 1 : 0}-${String(out.length).padStart(3, '0')}`,
    });
  }
  return out;
}

function prrValues(ctx: Extract<Context, { kind: 'value' }>, input: MetadataCompletionInput): Candidate[] {
  const key = pathKey(ctx.path);
  if (key === 'kep-number') {
    const number = basename(input.path).replace(/\.ya?ml$/i, '');
    return /^\d+$/.test(number) ? [{ text: number, detail: 'from the file name' }] : [];
  }
  if (!/^[a-z]+\.approver$/.test(key)) return [];
  const listed = workspacePrrApprovers(input.path, input.files);
  const q = quoteFor(ctx.prefix, true);
  const names = listed ? listed.active : [...BUNDLED_PRR_APPROVERS];
  const where = listed ? 'prod-readiness-approvers in OWNERS_ALIASES' : `bundled list of ${BUNDLED_SNAPSHOT_DATE}`;
  return names.map((n, i) => ({ text: quoteWith(q, `@${n}`), detail: where, sortText: `0-${String(i).padStart(3, '0')}` }));
}
