import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { sectionsOutline, type OutlineSection } from '../../server/src/core/features/sectionsOutline';
import { GOOD_KEP, README, workspace } from './support/kepFixture';

/** With a kep.yaml, the bundled template (which has the PRR questionnaire) applies. */
function outline(text: string, kepYaml?: string) {
  const analyzer = new KepAnalyzer(workspace(text, kepYaml ? { kepYaml, template: null } : {}));
  return sectionsOutline(analyzer.context(README, MarkdownIndex.fromText(text)));
}

function flatten(nodes: OutlineSection[]): OutlineSection[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('sections outline', () => {
  it('lists the template sections in order with their state and an insert edit for a missing one', () => {
    const text = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '').replace('None.', '<!-- later -->');
    const result = outline(text);
    assert.deepEqual(
      result.sections.map((s) => s.title),
      ['Summary', 'Motivation', 'Proposal', 'Design Details', 'Drawbacks'],
    );
    const all = flatten(result.sections);
    const risks = all.find((s) => s.title === 'Risks and Mitigations')!;
    assert.equal(risks.state, 'missing');
    assert.ok(risks.insert?.[0].newText.startsWith('### Risks and Mitigations'));
    assert.equal(all.find((s) => s.title === 'Drawbacks')!.state, 'empty');
    assert.equal(all.find((s) => s.title === 'Summary')!.line, text.split('\n').indexOf('## Summary'));
    assert.equal(result.summary, 'KEP: 6/8 sections');
  });

  it('marks PRR questions required at the stage and counts them in the summary', () => {
    const prr = [
      '## Production Readiness Review Questionnaire',
      '### Feature Enablement and Rollback',
      '###### How can this feature be enabled / disabled in a live cluster?',
      'With the DemoGate feature gate.',
      '###### Does enabling the feature change any default behavior?',
      '',
    ].join('\n\n');
    const text = GOOD_KEP.replace('## Drawbacks', `${prr}\n## Drawbacks`);
    const kepYaml = 'status: implementable\nstage: alpha\nlatest-milestone: "v1.36"\n';
    const result = outline(text, kepYaml);
    assert.equal(result.stage, 'alpha');
    const required = flatten(result.sections).filter((s) => s.prrQuestion && s.requirement === 'required');
    assert.ok(required.length >= 2, 'feature enablement questions are required at alpha');
    assert.equal(result.summary, `KEP alpha: PRR 1/${required.length}`);
  });
});
