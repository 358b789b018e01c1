// kep-lint's output formats. Positions are 1-based in every format, as terminals and CI expect.
import { ALL_RULES } from '../core/features/ruleCatalog';
import type { Finding, Severity } from '../core/rules/rule';
import { terminalSafe } from './terminalText';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface FileReport {
  file: string;
  findings: readonly Finding[];
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function toJsonFindings(reports: FileReport[]): JsonFinding[] {
  return reports.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      rule: f.rule,
      message: f.message,
    })),
  );
}

function text(reports: FileReport[]): string {
  const blocks: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let files = 0;
  for (const report of reports) {
    if (!report.findings.length) continue;
    files++;
    const rows = toJsonFindings([report]).map((f) => {
      counts[f.severity]++;
      return `${terminalSafe(f.file)}:${f.line}:${f.column}  ${f.severity}  ${terminalSafe(f.message)}  ${f.rule}`;
    });
    blocks.push(rows.join('\n'));
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const summary = total
    ? `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.hint} hints) in ${files} of ${reports.length} files`
    : `No problems in ${reports.length} file${reports.length === 1 ? '' : 's'}`;
  return [...blocks, summary].join('\n\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function sarif(reports: FileReport[], version: string): string {
  const results = toJsonFindings(reports).map((f) => ({
    ruleId: f.rule,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file.replace(/\\/g, '/') },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kep-lint',
            version,
            rules: ALL_RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * Workflow-command values escape %, CR and LF (GitHub's rules), which keeps a file name exact for
 * the annotation; properties also escape ':' and ','. The other control characters, which GitHub
 * leaves alone, are made visible as in the text format: the log would otherwise act on them.
 */
function escapeData(s: string): string {
  return terminalSafe(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function github(reports: FileReport[]): string {
  return toJsonFindings(reports)
    .map(
      (f) =>
        `::${GITHUB_COMMAND[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(`kep-lint ${f.rule}`)}::${escapeData(f.message)}\n`,
    )
    .join('');
}

export function formatFindings(reports: FileReport[], format: OutputFormat, version: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonFindings(reports), null, 2) + '\n';
    case 'sarif':
      return sarif(reports, version);
    case 'github':
      return github(reports);
    case 'text':
      return text(reports);
  }
}
