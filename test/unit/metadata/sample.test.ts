// Runs the metadata analysis over every kep.yaml and approval file of the enhancements sample.
// Upstream CI accepts every file of the sample, so the only errors allowed are values outside the
// documented sets (status, stage), which upstream CI does not check. Prints the count of findings
// per rule and severity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeWithSample, SAMPLE, sampleFiles } from '../support/sample';
import path from 'node:path';
import { NodeFileSource, toCorePath } from '../../../server/src/node/fileSource';
import { WorkspaceSnapshot } from '../../../server/src/core/workspace/snapshot';
import { settle } from '../../../server/src/core/workspace/settle';
import type { Finding } from '../../../server/src/core/rules/rule';
import { analyzeKepYaml, analyzePrrApproval } from '../../../server/src/core/features/metadataAnalysis';

/** Rules whose errors are not upstream CI failures: values outside the process's documented sets. */
const ALLOWED_ERROR_RULES = new Set(['status-value', 'stage-value']);

function tally(findings: { file: string; finding: Finding }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { finding } of findings) {
    const key = `${finding.rule} (${finding.severity})`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

describeWithSample('metadata analysis over the enhancements sample', function () {
  // The files each analysis reads are loaded as the server and kep-lint load them (settle.ts).
  const source = new NodeFileSource();

  async function run(kind: 'kep.yaml' | 'prr'): Promise<{ file: string; finding: Finding }[]> {
    const files = new WorkspaceSnapshot();
    const all = sampleFiles(path.join(SAMPLE, 'keps'));
    const targets =
      kind === 'kep.yaml'
        ? all.filter((f) => path.basename(f) === 'kep.yaml')
        : all.filter((f) => f.includes(`${path.sep}prod-readiness${path.sep}`) && f.endsWith('.yaml'));
    assert.ok(targets.length > 0);
    const results: { file: string; finding: Finding }[] = [];
    for (const file of targets) {
      const corePath = toCorePath(path.resolve(file));
      const text = readFileSync(file, 'utf8');
      const findings = await settle(files, source, () =>
        kind === 'kep.yaml' ? analyzeKepYaml(corePath, text, files, { rules: {} }) : analyzePrrApproval(corePath, text, files, { rules: {} }),
      );
      for (const finding of findings) results.push({ file: path.relative(SAMPLE, file), finding });
    }
    console.log(`      ${targets.length} ${kind} files, ${results.length} findings:`, tally(results));
    return results;
  }

  function assertOnlyAllowedErrors(results: { file: string; finding: Finding }[]): void {
    const bad = results.filter((r) => r.finding.severity === 'error' && !ALLOWED_ERROR_RULES.has(r.finding.rule));
    assert.deepEqual(
      bad.map((r) => `${r.file}:${r.finding.range.start.line + 1} ${r.finding.rule}: ${r.finding.message}`),
      [],
    );
  }

  it('kep.yaml: no crash, and errors only for status/stage values outside the documented sets', async function () {
    const results = await run('kep.yaml');
    for (const r of results.filter((x) => x.finding.severity === 'error'))
      console.log(`        error ${r.file}:${r.finding.range.start.line + 1} ${r.finding.rule}`);
    assertOnlyAllowedErrors(results);
  });

  it('approval files: no crash, and no errors', async function () {
    assertOnlyAllowedErrors(await run('prr'));
  });

  it('runs the production readiness check: without the approval files, every KEP that needs one fails', async function () {
    const disk = new WorkspaceSnapshot();
    const hidden = `/keps/prod-readiness/`;
    const files = {
      readText: (p: string) => (p.includes(hidden) ? undefined : disk.readText(p)),
      exists: (p: string) => !p.includes(hidden) && disk.exists(p),
    };
    let needing = 0;
    for (const file of sampleFiles(path.join(SAMPLE, 'keps')).filter((f) => path.basename(f) === 'kep.yaml')) {
      const yamlPath = toCorePath(path.resolve(file));
      const text = readFileSync(file, 'utf8');
      const findings = await settle(disk, source, () => analyzeKepYaml(yamlPath, text, files, { rules: {} }));
      needing += findings.filter((f) => f.rule === 'prr-approval' && /does not exist/.test(f.message)).length;
    }
    console.log(`      ${needing} sample KEPs need a production readiness approval`);
    assert.ok(needing > 50);
  });
});
