// Issue 12, classes 2, 4 and 10: sections the KEP has under another parent, wording or layout are
// not reported missing, and one missing PRR question is one finding. Each false case sits beside
// the true one that must still be reported.
import assert from 'node:assert/strict';
import { byRule, GOOD_KEP, lint, TEMPLATE_TEXT } from './support/kepFixture';
import * as prr from './support/prrFixture';
import { describeWithSample } from './support/sample';
import { brief, lintSampleFile, sampleOutline } from './support/sampleLint';

const DESIGN_TEMPLATE = TEMPLATE_TEXT.replace(
  '## Design Details',
  '## Design Details\n\n### Test Plan\n\n### Graduation Criteria\n\n### Upgrade / Downgrade Strategy',
);

describe('a missing parent whose sub-sections stand elsewhere', () => {
  it('when most of them are there, is information, and the one really missing is a warning of its own', () => {
    // Sample: sig-auth/5681 keeps its design sections under '## Authorizer requirements'.
    const kep = GOOD_KEP.replace(
      '## Design Details\n\nDetails.\n\n',
      '## Authorizer requirements\n\nText.\n\n### Test Plan\n\nTests.\n\n### Graduation Criteria\n\nCriteria.\n\n',
    );
    const findings = byRule(lint(kep, { template: DESIGN_TEMPLATE }), 'missing-section');
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.message}`),
      [
        `info Missing '## Design Details' ('Test Plan' (line ${kep.split('\n').indexOf('### Test Plan') + 1}) and 'Graduation Criteria' (line ${kep.split('\n').indexOf('### Graduation Criteria') + 1}) stand elsewhere): only the heading that groups them is absent. Add it if the KEP follows the template's layout.`,
        "warning Missing '### Upgrade / Downgrade Strategy' under '## Design Details'. Add it here, in template order.",
      ],
    );
    assert.equal(findings[0].fix, undefined, 'inserting only the grouping heading would move the sections after it');
    assert.ok(findings[1].fix!.changes[0].newText.startsWith('### Upgrade / Downgrade Strategy'));
  });
});

describe('other wordings of template sections', () => {
  it("take 'Abstract' for Summary, 'Alternatives Considered' for Alternatives, and a shortened PRR question for the question", () => {
    const kep = GOOD_KEP.replace('## Summary', '## Abstract');
    const findings = lint(kep);
    assert.deepEqual(byRule(findings, 'missing-section'), []);
    assert.deepEqual(
      byRule(findings, 'heading-wording').map((f) => f.message.split(':')[0]),
      ["'Abstract' is the template's '## Summary' in other words"],
    );
    // A short heading is a KEP's own sub-section, not a shortened template one.
    const short = GOOD_KEP.replace('### Non-Goals', '### Non');
    assert.equal(byRule(lint(short), 'missing-section').length, 1);
  });

  it('match a PRR question written shortened to its question, and still report the one that is absent', () => {
    // Sample: sig-node/5825 writes "Can the feature be disabled once it has been enabled?".
    const text = prr.readme().replace(`###### ${prr.Q.disable}`, '###### Can the feature be disabled once it has been enabled?');
    const findings = prr.lint(text);
    assert.deepEqual(byRule(findings, 'missing-section'), []);
    assert.deepEqual(byRule(findings, 'stage-prr-answer'), []);
    assert.equal(byRule(findings, 'heading-wording').length, 1);
    const dropped = prr.readme().replace(/###### Can the feature be disabled[^\n]*\n/, '');
    assert.deepEqual(
      byRule(prr.lint(dropped), 'missing-section').map((f) => f.severity),
      ['warning'],
    );
  });
});

describe('questionnaires written as bold lines (the template before 2021)', () => {
  const BOLD = `### Feature Enablement and Rollback

* **How can this feature be enabled / disabled in a live cluster?**
  Feature gate MyFeature.
* **Can the feature be disabled once it has been enabled (i.e. can we roll back
  the enablement)?** Yes.

### Monitoring Requirements

* **What are the reasonable SLOs (Service Level Objectives) for the enhancement?**
  99% within 5s.

### Scalability

No new calls.
`;

  it('count as present and answered, with one information finding that suggests the current headings', () => {
    const findings = prr.lint(prr.readme({ questionnaire: BOLD }));
    assert.deepEqual(byRule(findings, 'missing-section'), []);
    assert.deepEqual(byRule(findings, 'stage-prr-answer'), []);
    const layout = byRule(findings, 'prr-question-layout');
    assert.deepEqual(
      layout.map((f) => f.severity),
      ['info'],
    );
    assert.match(layout[0].message, /bold lines \(in 'Feature Enablement and Rollback', 'Monitoring Requirements'\)/);
  });

  it('leave a PRR section with neither headings nor text to missing-section', () => {
    const findings = prr.lint(prr.readme({ questionnaire: BOLD.replace('No new calls.\n', '') }));
    assert.deepEqual(
      byRule(findings, 'missing-section').map((f) => f.message.split(' under')[0]),
      [`Required for beta: missing '###### ${prr.Q.apiCalls}'`, `Required for beta: missing '###### ${prr.Q.exhaustion}'`],
    );
  });

  it('give no layout finding to a questionnaire with question headings', () => {
    assert.deepEqual(byRule(prr.lint(prr.readme()), 'prr-question-layout'), []);
  });
});

describe('section-order for sections no approval waits on', () => {
  it('is information for Drawbacks after Alternatives, and a warning for a section reviewers approve', () => {
    const template = TEMPLATE_TEXT.replace('## Drawbacks', '## Drawbacks\n\n## Alternatives');
    const swapped = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '## Alternatives\n\nOthers.\n\n## Drawbacks\n\nNone.\n');
    assert.deepEqual(
      byRule(lint(swapped, { template }), 'section-order').map((f) => f.severity),
      ['info'],
    );
    const design = GOOD_KEP.replace('## Design Details\n\nDetails.\n\n', '').replace('## Summary', '## Design Details\n\nDetails.\n\n## Summary');
    assert.deepEqual(
      byRule(lint(design), 'section-order').map((f) => f.severity),
      ['warning'],
    );
  });
});

describeWithSample('layouts of sample KEPs', () => {
  it('2315-aws-loadbalancer-prefix: Design Details counts only the sub-sections that are missing', async () => {
    const findings = byRule(await lintSampleFile('keps/provider-aws/2315-aws-loadbalancer-prefix/README.md'), 'missing-section');
    const design = findings.find((f) => f.message.includes("'## Design Details'"))!;
    assert.equal(
      design.message,
      "Missing '## Design Details' (and 7 of its 8 sub-sections; 'Graduation Criteria' (line 40) stands elsewhere). Add it here, in template order.",
    );
    assert.ok(!design.fix!.changes[0].newText.includes('Graduation Criteria'), 'the fix never inserts a section the KEP has');
  });

  it('1495-volume-populators: the bold-line questionnaire is one information finding, no missing questions', async () => {
    const findings = await lintSampleFile('keps/sig-storage/1495-volume-populators/README.md');
    assert.ok(!byRule(findings, 'missing-section').some((f) => f.message.includes('######')));
    assert.deepEqual(brief(byRule(findings, 'prr-question-layout')), ['390 prr-question-layout info']);
  });

  it('5825-cri-pagination: shortened PRR questions are the questions', async () => {
    const findings = await lintSampleFile('keps/sig-node/5825-cri-pagination/README.md');
    assert.deepEqual(brief(byRule(findings, 'missing-section')), []);
    assert.deepEqual(brief(byRule(findings, 'heading-wording')), ['415 heading-wording info', '541 heading-wording info']);
  });

  it('5681-conditional-authorization: Abstract, regrouped design sections, Alternatives Considered', async () => {
    const findings = await lintSampleFile('keps/sig-auth/5681-conditional-authorization/README.md');
    assert.deepEqual(brief(byRule(findings, 'missing-section')), [
      '209 missing-section info',
      '1612 missing-section info',
      '2092 missing-section warning',
      '2518 missing-section warning',
    ]);
  });

  it('4265-proc-mount (stable): an empty kep.yaml metrics list is one finding, on kep.yaml', async () => {
    assert.deepEqual(brief(byRule(await lintSampleFile('keps/sig-node/4265-proc-mount/README.md'), 'metric-not-in-kep-yaml')), []);
    assert.deepEqual(brief(byRule(await lintSampleFile('keps/sig-node/4265-proc-mount/kep.yaml'), 'stage-required-fields')), [
      '19 stage-required-fields warning',
    ]);
  });

  it('1731-publishing-packages (alpha): a missing disable-supported is one finding, on kep.yaml', async () => {
    assert.deepEqual(brief(byRule(await lintSampleFile('keps/sig-release/1731-publishing-packages/README.md'), 'disable-supported-mismatch')), []);
    const fields = byRule(await lintSampleFile('keps/sig-release/1731-publishing-packages/kep.yaml'), 'stage-required-fields');
    assert.ok(fields.some((f) => f.message.includes('disable-supported is not set')));
  });

  it('the readiness count agrees with stage-prr-answer and missing-section on sample KEPs', async () => {
    // 1495 (stable) asks every question as a bold line: all answered, no finding.
    const populators = await sampleOutline('keps/sig-storage/1495-volume-populators/README.md');
    const [done, all] = populators!.summary
      .replace(/^KEP stable: PRR /, '')
      .split('/')
      .map(Number);
    assert.ok(all > 20 && done === all, populators!.summary);
    // 2371 (beta) lacks the SLO question: one short, as missing-section reports.
    const stats = await sampleOutline('keps/sig-node/2371-cri-pod-container-stats/README.md');
    const [got, wanted] = stats!.summary
      .replace(/^KEP beta: PRR /, '')
      .split('/')
      .map(Number);
    const findings = await lintSampleFile('keps/sig-node/2371-cri-pod-container-stats/README.md');
    const unanswered = byRule(findings, 'stage-prr-answer').filter((f) => f.severity === 'warning').length;
    const missing = byRule(findings, 'missing-section').filter((f) => f.message.startsWith('Required for beta')).length;
    assert.equal(wanted - got, unanswered + missing, stats!.summary);
    assert.ok(missing >= 1);
  });
});
