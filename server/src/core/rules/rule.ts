// The shape every rule has. A rule is a pure function of the analysed KEP: it reads the context and
// returns findings with plain ranges; severity overrides and output formats are applied elsewhere.
import type { Range } from '../text/positions';
import type { KepContext } from '../kep/kepContext';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface TextChange {
  range: Range;
  newText: string;
}

export interface NewFile {
  /** Absolute path with '/' separators. */
  path: string;
  text: string;
}

export interface Fix {
  title: string;
  /** Edits to the document the finding is in. */
  changes: TextChange[];
  /** Files the fix creates (it never overwrites one). */
  createFiles?: NewFile[];
  /**
   * The fix adds, renames or re-levels headings, so the table of contents must follow in the same
   * edit. A flag rather than the TOC edit itself: that edit needs the changed document parsed, which
   * is paid only for a fix about to be applied (features/tocFollows.ts), not for every finding.
   */
  updatesToc?: boolean;
}

export interface RuleFinding {
  range: Range;
  message: string;
  /** Text the author can delete: editors fade it. */
  unnecessary?: boolean;
  /** A severity other than the rule's default, for findings of one rule that differ in weight. */
  severity?: Severity;
  fix?: Fix;
}

export interface Finding extends RuleFinding {
  rule: string;
  severity: Severity;
}

/** What decides a finding's severity, for README and metadata rules alike. */
export interface SeverityPolicy {
  id: string;
  defaultSeverity: Severity;
  /**
   * Whether the rule's warnings and errors are toned down to information for finished KEPs (status
   * implemented, withdrawn, replaced, rejected or deferred): structure, placeholders and advice
   * their authors are not going to act on, and a linter that shouts at every old KEP gets turned
   * off. False for what stays wrong whatever the status (unpaired markers, CI failures).
   */
  quietWhenFinished: boolean;
}

export interface Rule extends SeverityPolicy {
  description: string;
  check(ctx: KepContext): RuleFinding[];
}
