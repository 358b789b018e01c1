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

  it('counts a question as answered exactly when stage-prr-answer does (issue 12, class 14)', () => {
    const q = (title: string, body: string) => `###### ${title}\n\n${body}\n\n`;
    const questionnaire = (enable: string, disable: string) =>
      '## Production Readiness Review Questionnaire\n\n### Feature Enablement and Rollback\n\n' +
      q('How can this feature be enabled / disabled in a live cluster?', enable) +
      q('Can the feature be disabled once it has been enabled (i.e. can we roll back the enablement)?', disable);
    const kepYaml = 'status: implementable\nstage: alpha\nlatest-milestone: "v1.36"\n';
    const countOf = (text: string) => outline(GOOD_KEP.replace('## Drawbacks', `${text}## Drawbacks`), kepYaml).summary.replace(/\/\d+$/, '');
    // Deleting the guidance comment without writing an answer does not count.
    assert.equal(countOf(questionnaire('<!-- Describe the gate. -->', 'Yes.')), 'KEP alpha: PRR 1');
    assert.equal(countOf(questionnaire('', 'Yes.')), 'KEP alpha: PRR 1');
    assert.equal(countOf(questionnaire('TBD', 'Yes.')), 'KEP alpha: PRR 1');
    // An answer counts even with the guidance comment still above it.
    assert.equal(countOf(questionnaire('<!-- Describe the gate. -->\nThe DemoGate gate.', 'Yes.')), 'KEP alpha: PRR 2');
    // Questions asked as bold lines (the template before 2021) are answered and found under their section.
    const bold =
      '## Production Readiness Review Questionnaire\n\n### Feature Enablement and Rollback\n\n' +
      '* **How can this feature be enabled / disabled in a live cluster?**\n  DemoGate.\n' +
      '* **Can the feature be disabled once it has been enabled (i.e. can we roll back the enablement)?**\n  Yes.\n\n';
    const result = outline(GOOD_KEP.replace('## Drawbacks', `${bold}## Drawbacks`), kepYaml);
    const enable = flatten(result.sections).find((s) => s.title.startsWith('How can this feature be enabled'))!;
    assert.equal(enable.state, 'filled');
    assert.equal(enable.line, GOOD_KEP.replace('## Drawbacks', `${bold}## Drawbacks`).split('\n').indexOf('### Feature Enablement and Rollback'));
    const required = flatten(result.sections).filter((s) => s.prrQuestion && s.requirement === 'required');
    assert.equal(result.summary, `KEP alpha: PRR ${required.length}/${required.length}`);
  });
});
