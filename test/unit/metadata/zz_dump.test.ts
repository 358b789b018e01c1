import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FileWorkspace, toCorePath } from '../../../server/src/fileWorkspace';
import { analyzeKepYaml, analyzePrrApproval } from '../../../server/src/service/metadataAnalysis';
const SAMPLE = '/work/shared/enhancements-sample';
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}
it('dump', () => {
  const files = new FileWorkspace();
  for (const f of walk(SAMPLE + '/keps')) {
    const isKep = path.basename(f) === 'kep.yaml';
    const isPrr = f.includes('/prod-readiness/');
    if (!isKep && !isPrr) continue;
    const t = readFileSync(f, 'utf8');
    const fs = isKep ? analyzeKepYaml(toCorePath(f), t, files, { rules: {} }) : analyzePrrApproval(toCorePath(f), t, files, { rules: {} });
    for (const x of fs) if (x.rule !== 'handle-format' || process.env.ALL) console.log(`${path.relative(SAMPLE, f)}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.rule}: ${x.message}${x.fix ? ' [fix: ' + JSON.stringify(x.fix.changes.map((c) => c.newText)) + ']' : ''}`);
  }
});
it('timing', () => {
  const files = new FileWorkspace();
  const all = walk(SAMPLE + '/keps').filter((f) => path.basename(f) === 'kep.yaml');
  const texts = all.map((f) => [toCorePath(f), readFileSync(f, 'utf8')] as const);
  for (let i = 0; i < 3; i++) for (const [p, t] of texts) analyzeKepYaml(p, t, files, { rules: {} });
  const t0 = process.hrtime.bigint();
  const N = 5;
  for (let i = 0; i < N; i++) for (const [p, t] of texts) analyzeKepYaml(p, t, files, { rules: {} });
  const t1 = process.hrtime.bigint();
  console.log('per kep.yaml ms', Number(t1 - t0) / 1e6 / (N * texts.length));
  const mem = new Map<string, string>();
  const { InMemoryWorkspace } = require('../../../server/src/model/workspace');
  const ws = new InMemoryWorkspace(mem);
  const t2 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) for (const [p, t] of texts) analyzeKepYaml(p, t, ws, { rules: {} });
  const t3 = process.hrtime.bigint();
  console.log('per kep.yaml ms (no IO)', Number(t3 - t2) / 1e6 / (N * texts.length));
});
