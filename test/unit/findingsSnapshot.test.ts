// The findings snapshot over the KEP sample (test/corpus/sample-findings.txt): what kep-lint reports
// on every file of the sample, a count per rule and severity, then one line per finding sorted by
// file and position. A change of any finding fails this test until the snapshot is rewritten on
// purpose (`npm run test:update-snapshot`), so that every change of findings shows in review.
// No finding depends on today's date (only completion reads the clock); a rule that ever does
// must take the date from its caller, and this test must pin it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeWithSample, SAMPLE } from './support/sample';
import { HANG_GUARD_MS } from '../support/hangGuard';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

function findRepository(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'test/corpus'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no test/corpus above ${__dirname}`);
  }
}

const REPO = findRepository();
const SNAPSHOT = path.join(REPO, 'test/corpus/sample-findings.txt');
const KEP_LINT = path.join(REPO, 'dist/kep-lint.js');

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderSnapshot(findings: JsonFinding[]): string {
  const sorted = [...findings].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message),
  );
  const counts = new Map<string, number>();
  for (const f of sorted) counts.set(`${f.rule} ${f.severity}`, (counts.get(`${f.rule} ${f.severity}`) ?? 0) + 1);
  return [
    '# kep-lint findings on ../shared/enhancements-sample, checked by npm test. After a deliberate change',
    '# of findings, run `npm run test:update-snapshot` and review the diff of this file like code.',
    `# ${sorted.length} findings in ${new Set(sorted.map((f) => f.file)).size} files`,
    ...[...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([key, n]) => `# ${key}: ${n}`),
    '',
    ...sorted.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message.replace(/\r?\n/g, '\\n')}`),
    '',
  ].join('\n');
}

/** The lines only in `before` (-) and only in `after` (+), at most `limit` of them. */
function changedLines(before: string, after: string, limit: number): string[] {
  const old = new Set(before.split('\n'));
  const now = new Set(after.split('\n'));
  const gone = [...old].filter((l) => !now.has(l)).map((l) => `- ${l}`);
  const added = [...now].filter((l) => !old.has(l)).map((l) => `+ ${l}`);
  return [...gone, ...added].slice(0, limit);
}

describeWithSample('findings snapshot over the KEP sample', function () {
  it('kep-lint reports on the sample exactly what test/corpus/sample-findings.txt records', function () {
    // Hang guard only: kep-lint takes seconds here. spawnSync blocks mocha's own timer, so the
    // guard is the child's, and mocha's limit is raised above it.
    this.timeout(4 * HANG_GUARD_MS);
    const run = spawnSync(process.execPath, [KEP_LINT, '--format', 'json', '.'], {
      cwd: SAMPLE,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 3 * HANG_GUARD_MS,
    });
    assert.ok(run.status === 0 || run.status === 1, `kep-lint failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
    const fresh = renderSnapshot(JSON.parse(run.stdout) as JsonFinding[]);
    if (process.env.KEP_UPDATE_SNAPSHOT) {
      const before = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, 'utf8') : '';
      writeFileSync(SNAPSHOT, fresh);
      console.log(
        `      rewrote ${path.relative(REPO, SNAPSHOT)}: ${changedLines(before, fresh, Infinity).filter((l) => !l.startsWith('- #') && !l.startsWith('+ #')).length} lines changed`,
      );
      return;
    }
    const recorded = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, 'utf8') : '';
    if (recorded === fresh) return;
    const changes = changedLines(recorded, fresh, 40);
    assert.fail(
      `kep-lint's findings on the sample differ from ${path.relative(REPO, SNAPSHOT)} (- recorded, + now; first ${changes.length}):\n${changes.join('\n')}\n` +
        'If the change is intended, run `npm run test:update-snapshot`, read the KEPs concerned, and commit the new snapshot with the change.',
    );
  });
});
