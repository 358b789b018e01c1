// Input the tools do not analyse fully, said once and plainly instead of hanging or reporting
// nonsense: a file over the size limits of model/limits.ts, a file that is not text, and (as a README
// rule) body chunks too deeply nested to parse. The whole-file findings are made by
// service/inputLimits.ts before any other analysis; this rule reports the skipped chunks.
import { formatCount, MAX_CHUNK_CHARS, MAX_INLINE_OPENERS, MAX_LINE_NESTING, MAX_LINK_BRACKETS, type InputProblem } from '../text/limits';
import type { Range } from '../text/positions';
import type { BodyFacts, SkippedFact } from '../markdown/bodyFacts';
import { lastResult, resultStore } from '../text/lastResult';
import type { Rule, RuleFinding } from './rule';

export const INPUT_LIMIT_ID = 'input-limit';

/** What a whole-file problem is about: a KEP README or a metadata file. */
export type CheckedFileKind = 'readme' | 'metadata';

const CHECKS: Record<CheckedFileKind, string> = { readme: 'KEP checks', metadata: 'KEP metadata checks' };

/** The message for a file that is skipped as a whole. `name` is the file's name, e.g. "README.md". */
export function inputProblemMessage(name: string, kind: CheckedFileKind, problem: InputProblem): string {
  const checks = CHECKS[kind];
  if (problem.kind === 'not-text') {
    return (
      `${name} does not look like a text file: it holds ${formatCount(problem.junk)} control characters or bytes that are not UTF-8 ` +
      `(the first at line ${problem.firstJunkLine + 1}, column ${problem.firstJunkCharacter + 1}), so ${checks} were skipped for it. ` +
      `Save it as UTF-8 text, or remove the binary content.`
    );
  }
  if (problem.kind === 'too-many-headings') {
    return (
      `${name} has ${formatCount(problem.count)} headings, more than the ${formatCount(problem.limit)} that ${checks} analyse in reasonable time ` +
      `(a KEP has a few hundred at most), so they were skipped for this file. Move generated or pasted text to a linked file to get the checks back.`
    );
  }
  if (problem.kind === 'too-many-list-items') {
    return (
      `${name} has ${formatCount(problem.count)} list items, more than the ${formatCount(problem.limit)} that ${checks} analyse in reasonable time, ` +
      `so they were skipped for this file. Move long lists (logs, generated data) to a linked file to get the checks back.`
    );
  }
  const size = `${formatCount(problem.size)} ${problem.unit}`;
  const advice =
    kind === 'readme'
      ? 'Move long logs, data or generated text to a linked file to get the checks back.'
      : 'A kep.yaml or approval file is a few KB; remove what does not belong in it to get the checks back.';
  return `${name} has ${size}, more than the ${formatCount(problem.limit)} characters that ${checks} analyse, so they were skipped for this file. ${advice}`;
}

/** The range a whole-file finding sits on: the start of the first line. */
export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export const inputLimit: Rule = {
  id: INPUT_LIMIT_ID,
  defaultSeverity: 'warning',
  description: 'A file too large or not text enough to analyse, or a block nested too deeply to parse: the KEP checks were skipped there, and this says so.',
  quietWhenFinished: false,
  check(ctx) {
    const all = ctx.allFacts();
    return lastResult(results, ctx.index, [all], () => skippedFindings(all));
  },
};

const results = resultStore<RuleFinding[]>();

function skippedChecks(reason: SkippedFact['reason']): string {
  if (reason === 'links') return "the template's example test links";
  if (reason === 'inline') return 'UNRESOLVED markers and comments within paragraphs';
  return 'template comments, UNRESOLVED markers and placeholders';
}

function skipReason(s: SkippedFact): string {
  switch (s.reason) {
    case 'nesting':
      return `line ${s.at + 1} nests lists or block quotes more than ${MAX_LINE_NESTING} levels deep, too deep to parse in reasonable time. Reduce the nesting to get them checked.`;
    case 'size':
      return `they form one block of ${formatCount(s.amount)} characters, more than the ${formatCount(MAX_CHUNK_CHARS)} parsed at once. Separate paragraphs with blank lines to get them checked.`;
    case 'links':
      return `they form one block with ${formatCount(s.amount)} square brackets, more than the ${formatCount(MAX_LINK_BRACKETS)} whose links can be parsed in reasonable time. Separate paragraphs with blank lines to get them checked.`;
    case 'inline':
      return `they form one block with ${formatCount(s.amount)} brackets, backticks and angle brackets, more than the ${formatCount(MAX_INLINE_OPENERS)} whose code and HTML can be parsed in reasonable time. Separate paragraphs with blank lines to get them checked.`;
  }
}

function skippedFindings(all: readonly BodyFacts[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const facts of all) {
    for (const s of facts.skipped) {
      const lines = s.line === s.endLine ? `Line ${s.line + 1} was` : `Lines ${s.line + 1}–${s.endLine + 1} were`;
      out.push({
        range: { start: { line: s.at, character: 0 }, end: { line: s.at, character: Math.min(s.atLength, 200) } },
        message: `${lines} not checked for ${skippedChecks(s.reason)}: ${skipReason(s)}`,
      });
    }
  }
  return out;
}
