import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/files';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { analyzeKepYaml } from '../../server/src/core/features/metadataAnalysis';
import { planNewKep, slugify } from '../../server/src/core/features/newKep';
import { TEMPLATE_TEXT } from './support/kepFixture';

function workspace(): InMemoryWorkspace {
  return new InMemoryWorkspace()
    .set('/ws/keps/NNNN-kep-template/README.md', TEMPLATE_TEXT)
    .set('/ws/keps/sig-node/1000-existing/README.md', '# KEP-1000: Existing\n')
    .set('/ws/keps/sig-apps/README.md', '# apps\n');
}

const input = { root: '/ws', sig: 'sig-apps', title: 'Pod Restart Budgets', number: '4242', authors: ['alice'], today: '2026-11-25' };

describe('New KEP', () => {
  it('plans the folder, a README from the template with title and TOC, and a kep.yaml', () => {
    const ws = workspace();
    const plan = planNewKep(input, ws);
    assert.ok('files' in plan, JSON.stringify(plan));
    assert.equal(plan.folder, 'keps/sig-apps/4242-pod-restart-budgets');
    const [readme, kepYaml] = plan.files;
    assert.equal(readme.path, '/ws/keps/sig-apps/4242-pod-restart-budgets/README.md');
    assert.match(readme.text, /^# KEP-4242: Pod Restart Budgets$/m);
    assert.match(readme.text, /<!-- toc -->\n- \[Summary\]\(#summary\)\n/);
    for (const f of plan.files) ws.set(f.path, f.text);
    const findings = new KepAnalyzer(ws).analyze(readme.path, MarkdownIndex.fromText(readme.text));
    assert.deepEqual(
      findings.filter((f) => f.rule === 'toc' || f.rule === 'placeholder' || f.rule === 'missing-section'),
      [],
    );
    assert.match(kepYaml.text, /^kep-number: 4242$/m);
    assert.match(kepYaml.text, /^ {2}- "@alice"$/m);
    assert.match(kepYaml.text, /^status: provisional$/m);
    assert.match(kepYaml.text, /^creation-date: 2026-11-25$/m);
    assert.deepEqual(
      analyzeKepYaml(kepYaml.path, kepYaml.text, ws).filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('refuses a number that is taken, a folder that exists, an unknown SIG and a bad number', () => {
    const ws = workspace();
    assert.deepEqual(planNewKep({ ...input, number: '1000' }, ws), { error: 'KEP number 1000 is already used by keps/sig-node/1000-existing.' });
    ws.set('/ws/keps/sig-apps/4242-pod-restart-budgets/notes.md', 'x');
    assert.deepEqual(planNewKep(input, ws), { error: 'keps/sig-apps/4242-pod-restart-budgets already exists.' });
    assert.match((planNewKep({ ...input, sig: 'sig-nope' }, workspace()) as { error: string }).error, /no folder keps\/sig-nope/);
    assert.match((planNewKep({ ...input, number: '00x' }, workspace()) as { error: string }).error, /not an enhancement issue number/);
  });

  it('makes folder names from titles', () => {
    assert.equal(slugify('  Pod  Restart: Budgets (v2)! '), 'pod-restart-budgets-v2');
  });
});
