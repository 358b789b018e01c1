// A typical kep.yaml is analysed well under a millisecond (the figure is printed), so diagnostics
// can run on every keystroke.
import assert from 'node:assert/strict';
import { parseYaml } from '../../../server/src/model/yamlDocument';
import { analyzeKepYaml, analyzePrrApproval } from '../../../server/src/service/metadataAnalysis';
import { GOOD_KEP, GOOD_PRR, KEP_YAML, PRR, workspace } from './support';

/** Milliseconds per call, after a warm-up. */
function perCall(fn: () => unknown, runs = 1000): number {
  for (let i = 0; i < 200; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / runs;
}

describe('metadata analysis speed', () => {
  it('analyses a typical kep.yaml well under a millisecond', () => {
    const ws = workspace();
    const parse = perCall(() => parseYaml(GOOD_KEP));
    const kep = perCall(() => analyzeKepYaml(KEP_YAML, GOOD_KEP, ws, { rules: {} }));
    const prr = perCall(() => analyzePrrApproval(PRR, GOOD_PRR, ws, { rules: {} }));
    console.log(`      kep.yaml: ${kep.toFixed(3)} ms per analysis (${parse.toFixed(3)} ms of it parsing); approval file: ${prr.toFixed(3)} ms`);
    // Generous bound against slow or busy CI machines; the typical figure is printed above.
    assert.ok(kep < 2, `${kep} ms per analysis`);
  });
});
