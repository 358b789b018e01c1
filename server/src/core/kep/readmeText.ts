// Line-level readings of a KEP README that the cross-file and stage rules share: labelled bullets
// ("Feature gate name: Foo", "Metric name: `foo_total`") and the names written in them, ticked
// checkboxes, and the answer text of a question with the template's scaffold taken out. They work
// on plain lines, so the README rules (on the editor's line index) and the kep.yaml rules (on the
// sibling README's text) read a README the same way.
//
// Only text outside fenced code blocks and HTML comments counts. Callers pass line ranges that
// start at a heading's body, which is never inside a fence or a comment.
import { sectionKey } from '../markdown/sectionKey';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Calls `visit` for each line of [from, to) outside fenced code, with HTML comments replaced by
 * spaces (columns are kept). Stops when `visit` returns false.
 */
export function forEachVisibleLine(lines: readonly string[], from: number, to: number, visit: (line: number, text: string) => boolean | void): void {
  let fence: string | undefined;
  let inComment = false;
  for (let i = from; i < to; i++) {
    const raw = lines[i] ?? '';
    if (fence) {
      const m = FENCE.exec(raw);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && raw.trim() === m[1]) fence = undefined;
      continue;
    }
    let text = raw;
    let pos = 0;
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) continue;
      text = ' '.repeat(close + 3) + raw.slice(close + 3);
      pos = close + 3;
      inComment = false;
    } else if (raw.indexOf('<!--') < 0) {
      const m = FENCE.exec(raw);
      if (m) {
        fence = m[1];
        continue;
      }
    }
    for (;;) {
      const open = text.indexOf('<!--', pos);
      if (open < 0) break;
      const close = text.indexOf('-->', open + 4);
      if (close < 0) {
        text = text.slice(0, open) + ' '.repeat(text.length - open);
        inComment = true;
        break;
      }
      text = text.slice(0, open) + ' '.repeat(close + 3 - open) + text.slice(close + 3);
      pos = close + 3;
    }
    if (visit(i, text) === false) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Names in labelled bullets

export type NameKind = 'gate' | 'metric';

export interface NameRef {
  name: string;
  line: number;
  /** Columns of the name as written (inside backticks or link brackets). */
  start: number;
  end: number;
}

export interface LabelledBullet {
  /** The label's line. */
  line: number;
  /** Column where the label's bullet (or the label, for a paragraph) starts. */
  start: number;
  /** Column just after the label's colon. */
  valueStart: number;
  /** The names found after the label, or in the sub-bullets under an empty label. */
  names: NameRef[];
  /** Nothing after the label and no sub-bullets: the template's placeholder. */
  empty: boolean;
  /** The value says there is none ("N/A", "None", "TBD"). */
  none: boolean;
}

const LIST_ITEM = /^(\s*)(?:>\s*)*(?:[-*+]|\d+[.)])\s+/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;
/** An item that is a label of several words ("Components depending on the feature gate: …"). */
const LABELLED_ITEM = /^(?:\[[ xX]\]\s*)?[^`:[\]]*\s[^`:[\]]*:(?:\s|$)/;
const NONE = /^(?:n\/?a|none|no|nil|tbd|todo|-+|not applicable|not needed|no feature gates?\b.*)\.?$/i;

const LABEL_WORDS: Record<NameKind, string> = {
  gate: '(?:proposed\\s+)?feature[- ]gates?\\s+names?',
  metric: 'metrics?\\s+names?',
};

const LABELS: Record<NameKind, RegExp> = {
  gate: labelPattern(LABEL_WORDS.gate),
  metric: labelPattern(LABEL_WORDS.metric),
};

function labelPattern(words: string): RegExp {
  return new RegExp(`^(\\s*)(?:>\\s*)*((?:[-*+]|\\d+[.)])\\s+)?(?:\\[[ xX]\\]\\s+)?(?:\\*\\*|__)?(?:${words})(?:\\*\\*|__)?\\s*:(?:\\*\\*|__)?`, 'i');
}

/** Gate names: UpperCamelCase (with `{vendor}` placeholders), lowerCamel with a capital inside, KUBECTL_*. */
const GATE_BARE = /^(?:[A-Z][A-Za-z0-9]*(?:\{[A-Za-z]+\}[A-Za-z0-9]*)*|[a-z]+[A-Z][A-Za-z0-9]*|KUBECTL_[A-Z0-9_]+)$/;
const GATE_QUOTED = /^[A-Za-z][A-Za-z0-9_{}]*$/;
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const BARE_TOKEN: Record<NameKind, RegExp> = {
  gate: /[A-Za-z_][A-Za-z0-9_{}]*/y,
  metric: /[A-Za-z_:][A-Za-z0-9_:/.-]*/y,
};

/** A metric name as it is compared: label selectors and a leading exporter path dropped. */
export function metricName(written: string): string {
  let name = written.trim();
  const cut = name.search(/[{[\s]/);
  if (cut >= 0) name = name.slice(0, cut);
  const slash = name.lastIndexOf('/');
  if (slash >= 0) name = name.slice(slash + 1);
  return name.replace(/[.,;:]+$/, '');
}

interface ParsedNames {
  names: NameRef[];
  /** The text ended right after a separator: the list goes on on the next line. */
  continues: boolean;
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  return pos;
}

/** Skips a balanced group opened at `pos` ("(…)", "{…}", "[…]"); returns `pos` when there is none. */
function skipGroup(text: string, pos: number): number {
  const open = text[pos];
  const close = open === '(' ? ')' : open === '{' ? '}' : open === '[' ? ']' : undefined;
  if (!close) return pos;
  let depth = 0;
  for (let i = pos; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i + 1;
  }
  return text.length;
}

function validName(kind: NameKind, name: string, quoted: boolean): boolean {
  if (kind === 'gate') return quoted ? GATE_QUOTED.test(name) : GATE_BARE.test(name);
  return METRIC.test(name) && name.includes('_');
}

/**
 * The names written from column `from` of a line: backticked names, link texts and bare names,
 * separated by commas, semicolons, "and", "or", "&&" or "/". Parsing stops at the first prose
 * ("`Foo` is the gate that…"); a parenthesis after a name is skipped.
 */
export function parseNames(text: string, from: number, line: number, kind: NameKind): ParsedNames {
  const names: NameRef[] = [];
  let pos = from;
  let afterSeparator = false;
  for (;;) {
    pos = skipSpaces(text, pos);
    if (pos >= text.length) return { names, continues: afterSeparator && names.length > 0 };
    let start: number;
    let end: number;
    let quoted = false;
    const c = text[pos];
    if (c === '`') {
      const close = text.indexOf('`', pos + 1);
      if (close < 0) break;
      start = pos + 1;
      end = close;
      pos = close + 1;
      quoted = true;
    } else if (c === '[') {
      const close = text.indexOf(']', pos + 1);
      // Only a link's text is a name: "[Optional]" is not.
      if (close < 0 || text[close + 1] !== '(') break;
      start = pos + 1;
      end = close;
      pos = close + 1;
      if (text[pos] === '(') pos = skipGroup(text, pos);
      if (text[start] === '`' && text[end - 1] === '`' && end - start >= 2) {
        start++;
        end--;
      }
      quoted = true;
    } else {
      let p = pos;
      while (text[p] === '*' || text[p] === '_') p++;
      const re = BARE_TOKEN[kind];
      re.lastIndex = p;
      const m = re.exec(text);
      if (!m) break;
      start = p;
      end = p + m[0].length;
      pos = end;
      while (text[pos] === '*' || (text[pos] === '_' && kind === 'gate')) pos++;
    }
    const written = text.slice(start, end).trim();
    const name = kind === 'metric' ? metricName(written) : written;
    if (name && validName(kind, name, quoted)) {
      if (kind === 'metric' && name !== written) {
        // Point at the name itself, without the selector or path written around it.
        const at = text.indexOf(name, start);
        if (at >= 0 && at < end) {
          start = at;
          end = at + name.length;
        }
      }
      names.push({ name, line, start, end });
    } else if (!quoted) break;
    // What may follow a name: a selector, a parenthesis, then a separator.
    pos = skipSpaces(text, pos);
    if (kind === 'metric' && (text[pos] === '{' || text[pos] === '[')) pos = skipSpaces(text, skipGroup(text, pos));
    if (text[pos] === '(') pos = skipSpaces(text, skipGroup(text, pos));
    const rest = text.slice(pos);
    const sep = /^(?:,|;|&&|&|\/|\band\b|\bor\b)/i.exec(rest);
    if (sep) {
      pos += sep[0].length;
      afterSeparator = true;
      continue;
    }
    afterSeparator = false;
    if (/^[.:]?\s*$/.test(rest)) return { names, continues: false };
    break;
  }
  return { names, continues: false };
}

export type LabelledBullets = Record<NameKind, LabelledBullet[]>;

/** Labelled bullets of both kinds in lines [from, to), with the names they give. One pass. */
export function labelledBullets(lines: readonly string[], from: number, to: number): LabelledBullets {
  const found: LabelledBullets = { gate: [], metric: [] };
  // The visible text of each line ('' inside comments and fences), for looking ahead at sub-items.
  const visible: string[] = new Array<string>(Math.max(0, to - from)).fill('');
  const candidates: number[] = [];
  forEachVisibleLine(lines, from, to, (line, text) => {
    visible[line - from] = text;
    if (text.length > 10 && text.includes(':') && NAME_WORD.test(text)) candidates.push(line - from);
  });
  let skipUntil = -1;
  for (const v of candidates) {
    if (v <= skipUntil) continue;
    const text = visible[v];
    for (const kind of KINDS) {
      const m = LABELS[kind].exec(text);
      if (!m) continue;
      const bullet = readBullet(visible, v, from, m, kind);
      found[kind].push(bullet.facts);
      skipUntil = bullet.last;
      break;
    }
  }
  return found;
}

const KINDS: readonly NameKind[] = ['gate', 'metric'];
const NAME_WORD = /name/i;

/** One labelled bullet at visible[v]: its names, and the last line it reads. */
function readBullet(visible: readonly string[], v: number, from: number, m: RegExpExecArray, kind: NameKind): { facts: LabelledBullet; last: number } {
  const text = visible[v];
  const indent = m[1].length;
  const bullet = m[2] !== undefined;
  const valueStart = m[0].length;
  const value = text.slice(valueStart).trim();
  const facts: LabelledBullet = { line: v + from, start: indent, valueStart, names: [], empty: false, none: false };
  let last = v;
  if (value) {
    if (NONE.test(value.replace(/[`*_]/g, ''))) {
      facts.none = true;
      return { facts, last };
    }
    let parsed = parseNames(text, valueStart, v + from, kind);
    facts.names.push(...parsed.names);
    // "Metric names: `a`,\n`b`": a list that goes on on the next lines.
    while (parsed.continues && last + 1 < visible.length) {
      const next = visible[last + 1];
      if (!next.trim() || LIST_ITEM.test(next) || HEADING.test(next)) break;
      last++;
      parsed = parseNames(next, 0, last + from, kind);
      facts.names.push(...parsed.names);
    }
    return { facts, last };
  }
  // An empty label: the names are in the items under it.
  let childIndent = -1;
  for (let w = v + 1; w < visible.length; w++) {
    const next = visible[w];
    if (!next.trim()) continue;
    if (HEADING.test(next)) break;
    const item = LIST_ITEM.exec(next);
    if (!item) {
      if (bullet && next.length - next.trimStart().length > indent) continue; // a continuation of an item
      break;
    }
    const itemIndent = item[1].length;
    if (bullet ? itemIndent <= indent : itemIndent < indent) break;
    if (childIndent < 0) childIndent = itemIndent;
    if (itemIndent !== childIndent) {
      if (itemIndent < childIndent) break;
      continue; // deeper: a description of a name
    }
    // Another labelled item ("Components exposing the metric: …") names nothing.
    if (LABELLED_ITEM.test(next.slice(item[0].length))) continue;
    facts.names.push(...parseNames(next, item[0].length, w + from, kind).names);
    last = w;
  }
  facts.empty = childIndent < 0;
  return { facts, last };
}

// ---------------------------------------------------------------------------------------------
// Checkboxes and answers

export interface Checkbox {
  line: number;
  checked: boolean;
  /** The label after the box, e.g. "Other" or "Feature gate (also fill in values in `kep.yaml`)". */
  label: string;
}

const CHECKBOX = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$/;

export function checkboxes(lines: readonly string[], from: number, to: number): Checkbox[] {
  const out: Checkbox[] = [];
  forEachVisibleLine(lines, from, to, (line, text) => {
    const m = CHECKBOX.exec(text);
    if (m) out.push({ line, checked: m[1] !== ' ', label: m[2].trim() });
  });
  return out;
}

/** How a README says its feature is enabled: which of the template's boxes are ticked. */
export interface EnablementChoice {
  featureGate: boolean;
  other: boolean;
}

export function enablementChoice(lines: readonly string[], from: number, to: number): EnablementChoice {
  const choice: EnablementChoice = { featureGate: false, other: false };
  for (const box of checkboxes(lines, from, to)) {
    if (!box.checked) continue;
    const label = box.label.replace(/[*_`]/g, '').trim();
    if (/^feature gate\b/i.test(label)) choice.featureGate = true;
    else if (/^other\b/i.test(label)) choice.other = true;
  }
  return choice;
}

/**
 * Lines of the template's scaffold inside PRR answers (kep-facts §1.2), normalised: list markers,
 * unticked boxes and code ticks removed, lower case. A body made of these says nothing yet.
 */
const SCAFFOLD = new Set(
  [
    'Feature gate (also fill in values in kep.yaml)',
    'Feature gate name:',
    'Components depending on the feature gate:',
    'Other',
    'Describe the mechanism:',
    'Will enabling / disabling the feature require downtime of the control plane?',
    'Will enabling / disabling the feature require downtime of the control',
    'plane?',
    'Will enabling / disabling the feature require downtime or reprovisioning of a node?',
    'Will enabling / disabling the feature require downtime or reprovisioning',
    'of a node?',
    'Events',
    'Event Reason:',
    'API .status',
    'Condition name:',
    'Other field:',
    'Other (treat as last resort)',
    'Details:',
    'Metrics',
    'Metric name:',
    '[Optional] Aggregation method:',
    'Components exposing the metric:',
  ].map(normaliseAnswerLine),
);

function normaliseAnswerLine(line: string): string {
  return line
    .replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^\[ \]\s*/, '')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The answer written in lines [from, to): visible text without the template's scaffold, on one
 * line. With `maxLines`, stops after that many lines of answer (enough to tell an answer from a
 * bare "TBD", or to read its first word).
 */
export function answerText(lines: readonly string[], from: number, to: number, maxLines = Infinity): string {
  const parts: string[] = [];
  forEachVisibleLine(lines, from, to, (_line, text) => {
    const t = text.trim();
    if (!t) return true;
    const n = normaliseAnswerLine(t);
    if (!n || SCAFFOLD.has(n)) return true;
    parts.push(t);
    return parts.length < maxLines;
  });
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export type AnswerState = 'answered' | 'empty' | 'tbd';

/** Whether an answer says anything: only placeholders or "TBD"/"TODO" do not. */
export function answerState(answer: string): AnswerState {
  if (!/[A-Za-z0-9]/.test(answer)) return 'empty';
  const bare = answer.replace(/[*_`>#\-.:!()[\]]/g, ' ').trim();
  return /^(?:tbd|todo|tba|to be (?:determined|done|decided|added))$/i.test(bare) ? 'tbd' : 'answered';
}

/** "Yes" or "No" when an answer starts with one of them. */
export function leadingYesNo(answer: string): 'yes' | 'no' | undefined {
  const m = /^[\s*_>-]*(?:\[[xX]\]\s*)?(yes|no)\b/i.exec(answer);
  return m ? (m[1].toLowerCase() as 'yes' | 'no') : undefined;
}

// ---------------------------------------------------------------------------------------------
// A README read from text, for the kep.yaml rules

export interface OutlineHeading {
  level: number;
  key: string;
  line: number;
}

export interface ReadmeOutline {
  lines: string[];
  headings: OutlineHeading[];
}

const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const outlineCache = new Map<string, ReadmeOutline>();

/** The README's lines and ATX headings (outside code fences and comments); cached by text. */
export function readmeOutline(text: string): ReadmeOutline {
  const cached = outlineCache.get(text);
  if (cached) return cached;
  const lines = text.split(/\r\n|\r|\n/);
  const headings: OutlineHeading[] = [];
  forEachVisibleLine(lines, 0, lines.length, (line, t) => {
    if (t[0] !== '#' && t[0] !== ' ') return;
    const m = ATX.exec(t);
    if (m) headings.push({ level: m[1].length, key: sectionKey(m[2] ?? ''), line });
  });
  const outline = { lines, headings };
  if (outlineCache.size >= 16) outlineCache.clear();
  outlineCache.set(text, outline);
  return outline;
}

/** The body [from, to) of the first heading with this key: up to the next heading of any level. */
export function outlineBody(outline: ReadmeOutline, key: string): [number, number] | undefined {
  const i = outline.headings.findIndex((h) => h.key === key);
  if (i < 0) return undefined;
  const next = outline.headings[i + 1];
  return [outline.headings[i].line + 1, next ? next.line : outline.lines.length];
}
