// Stage-aware requirements (kep-facts §2): the README's PRR questions (stage-prr-answer) and the
// kep.yaml fields (stage-required-fields) a KEP's stage requires, their exemptions, and the
// hand-over from empty-section.
import assert from 'node:assert/strict';
import { readKepYaml } from '../../server/src/core/kep/kepYaml';
import { sectionRequirement, stageFacts } from '../../server/src/core/kep/stageRequirements';
import { applyFix, byRule, ENABLE_SCAFFOLD, kepYaml, lineOf, lint, lintYaml, Q, readme, SLI_SCAFFOLD } from './support/prrFixture';

const STAGE = 'stage-prr-answer';
const FIELDS = 'stage-required-fields';
const MISSING = 'missing-section';

describe('stage requirements', () => {
  it('apply from alpha/beta/stable with a latest-milestone of v1.21 or later', () => {
    assert.equal(stageFacts(readKepYaml(kepYaml({ stage: 'beta', latestMilestone: 'v1.21' })))?.stage, 'beta');
    assert.equal(stageFacts(readKepYaml(kepYaml({ stage: 'alpha', latestMilestone: '1.30' })))?.stage, 'alpha');
  });

  it('do not apply to KEPs that predate the questionnaire, have no stage, or a stage without PRR sections', () => {
    for (const latestMilestone of ['0.0', 'v1.20', null, 'v1.NN'])
      assert.equal(stageFacts(readKepYaml(kepYaml({ latestMilestone }))), undefined, String(latestMilestone));
    assert.equal(stageFacts(readKepYaml(kepYaml({ status: 'provisional', stage: null }))), undefined);
    assert.equal(stageFacts(readKepYaml(kepYaml({ stage: 'deprecated' }))), undefined);
    assert.equal(stageFacts(undefined), undefined);
  });

  it('follow kep-facts §2: Feature Enablement from alpha, Scalability encouraged at alpha, the rest from beta', () => {
    assert.equal(sectionRequirement('featureenablementandrollback', 'alpha'), 'required');
    assert.equal(sectionRequirement('scalability', 'alpha'), 'encouraged');
    assert.equal(sectionRequirement('scalability', 'beta'), 'required');
    assert.equal(sectionRequirement('monitoringrequirements', 'alpha'), undefined);
    assert.equal(sectionRequirement('troubleshooting', 'stable'), 'required');
  });
});

describe('stage-prr-answer', () => {
  it('reports nothing when every required question is answered', () => {
    assert.deepEqual(byRule(lint(readme()), STAGE), []);
  });

  it('reports a required question with no answer on its heading, naming the stage', () => {
    const text = readme({ answers: { slo: '<!--\nThis is your opportunity to define what "normal" quality of service looks like.\n-->' } });
    const [finding, ...rest] = byRule(lint(text), STAGE);
    assert.equal(rest.length, 0);
    assert.equal(finding.message, `Required for beta: '${Q.slo}' has no answer.`);
    assert.equal(finding.severity, 'warning');
    assert.equal(lineOf(text, finding), `###### ${Q.slo}`);
  });

  it('takes the template scaffold and a bare "TBD" for no answer', () => {
    const text = readme({ answers: { enable: ENABLE_SCAFFOLD, sli: SLI_SCAFFOLD, apiCalls: 'TBD' } });
    const messages = byRule(lint(text, kepYaml({ gates: [] })), STAGE).map((f) => f.message);
    assert.deepEqual(messages, [
      `Required for beta: '${Q.enable}' has no answer.`,
      `Required for beta: '${Q.sli}' has no answer.`,
      `Required for beta: '${Q.apiCalls}' has no answer (only 'TBD').`,
    ]);
  });

  it('takes a ticked box or "N/A" for an answer', () => {
    const text = readme({ answers: { sli: SLI_SCAFFOLD.replace('- [ ] Other', '- [x] Other'), apiCalls: 'N/A' } });
    assert.deepEqual(byRule(lint(text), STAGE), []);
  });

  it('at alpha requires Feature Enablement only, and encourages Scalability with a hint', () => {
    const text = readme({ answers: { disable: '', slo: '', apiCalls: '' } });
    const findings = byRule(lint(text, kepYaml({ stage: 'alpha' })), STAGE);
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.message}`),
      [`warning Required for alpha: '${Q.disable}' has no answer.`, `hint Encouraged for alpha: '${Q.apiCalls}' has no answer.`],
    );
  });

  it('leaves a missing question to missing-section: one finding, naming the stage that requires it', () => {
    const text = readme().replace(`###### ${Q.slo}\n\n99% of pods start within 5s.\n\n`, '');
    assert.deepEqual(byRule(lint(text), STAGE), []);
    const findings = byRule(lint(text), MISSING);
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.message}`),
      [`warning Required for beta: missing '###### ${Q.slo}' under '### Monitoring Requirements'. Add it here, in template order.`],
    );
  });

  it('weighs a missing PRR section by the stage: a warning when required, information when not asked yet', () => {
    const text = readme().replace(/### Monitoring Requirements[\s\S]*?(?=### Scalability)/, '');
    assert.deepEqual(byRule(lint(text), STAGE), []);
    assert.deepEqual(
      byRule(lint(text), MISSING).map((f) => `${f.severity} ${f.message}`),
      [
        "warning Required for beta: missing '### Monitoring Requirements' under '## Production Readiness Review Questionnaire' (and its 2 sub-sections). Add it here, in template order.",
      ],
    );
    assert.deepEqual(
      byRule(lint(text, kepYaml({ stage: 'alpha' })), MISSING).map((f) => `${f.severity} ${f.message}`),
      [
        "info Missing '### Monitoring Requirements' under '## Production Readiness Review Questionnaire' (and its 2 sub-sections), which the KEP needs from beta on. Add it here, in template order.",
      ],
    );
  });

  it('reports a missing questionnaire once, with the stage, and a fix that inserts it', () => {
    const text = readme().replace(/## Production Readiness Review Questionnaire[\s\S]*?(?=## Implementation History)/, '');
    assert.deepEqual(byRule(lint(text, kepYaml({ stage: 'alpha' })), STAGE), []);
    const findings = byRule(lint(text, kepYaml({ stage: 'alpha' })), MISSING);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^Required for alpha: missing '## Production Readiness Review Questionnaire' \(and its \d+ sub-sections\)\./);
    assert.ok(findings[0].fix?.changes[0].newText.startsWith('## Production Readiness Review Questionnaire'));
  });

  it('takes questions asked as bullets (older template) or a questionnaire answered as a whole as answered', () => {
    const bullets = readme({
      questionnaire: `### Feature Enablement and Rollback

* **How can this feature be enabled / disabled in a live cluster?**
  Feature gate MyFeature.
* **Can the feature be disabled once it has been enabled (i.e. can we roll back
  the enablement)?** Yes.

### Monitoring Requirements

Not required: this changes a test suite.

### Scalability

No new calls.
`,
    });
    assert.deepEqual(byRule(lint(bullets), STAGE), []);
    assert.deepEqual(byRule(lint(bullets), MISSING), [], 'the bold-line questions are there');
    assert.deepEqual(byRule(lint(readme({ questionnaire: 'N/A: this KEP only moves code.\n' })), STAGE), []);
    assert.deepEqual(byRule(lint(readme({ questionnaire: 'N/A: this KEP only moves code.\n' })), MISSING), []);
  });

  it('asks the node resource exhaustion question only from v1.27, when the template gained it', () => {
    const text = readme().replace(`###### ${Q.exhaustion}\n\nNo.\n`, '');
    assert.deepEqual(
      byRule(lint(text, kepYaml({ latestMilestone: 'v1.26' })), MISSING).map((f) => f.severity),
      ['info'],
    );
    assert.deepEqual(
      byRule(lint(text, kepYaml({ latestMilestone: 'v1.27' })), MISSING).map((f) => f.severity),
      ['warning'],
    );
  });

  it('says nothing for KEPs that predate the questionnaire, provisional KEPs without a stage, or without kep.yaml', () => {
    const text = readme({ answers: { slo: '', disable: '' } });
    assert.deepEqual(byRule(lint(text, kepYaml({ latestMilestone: '0.0' })), STAGE), []);
    assert.deepEqual(byRule(lint(text, kepYaml({ latestMilestone: 'v1.19' })), STAGE), []);
    assert.deepEqual(byRule(lint(text, kepYaml({ latestMilestone: null })), STAGE), []);
    assert.deepEqual(byRule(lint(text, kepYaml({ status: 'provisional', stage: null })), STAGE), []);
    assert.deepEqual(byRule(lint(text, null), STAGE), []);
  });

  it('is information for finished KEPs (noise budget)', () => {
    const text = readme({ answers: { slo: '' } });
    const [finding] = byRule(lint(text, kepYaml({ status: 'implemented', stage: 'stable' })), STAGE);
    assert.equal(finding.message, `Required for stable: '${Q.slo}' has no answer.`);
    assert.equal(finding.severity, 'info');
  });

  it('follows the kep.rules setting', () => {
    const text = readme({ answers: { slo: '' } });
    assert.deepEqual(byRule(lint(text, kepYaml(), { rules: { [STAGE]: 'off' } }), STAGE), []);
    assert.equal(byRule(lint(text, kepYaml(), { rules: { [STAGE]: 'error' } }), STAGE)[0].severity, 'error');
  });
});

describe('empty-section and stage-prr-answer', () => {
  it('never both report one heading: an empty required question gets only the stage finding', () => {
    const text = readme({ answers: { slo: '<!-- fill in -->', apiCalls: '' } });
    const findings = lint(text);
    const lines = findings.filter((f) => f.rule === 'empty-section' || f.rule === STAGE).map((f) => f.range.start.line);
    assert.equal(new Set(lines).size, lines.length);
    assert.deepEqual(byRule(findings, 'empty-section'), []);
    assert.equal(byRule(findings, STAGE).length, 2);
  });

  it('a PRR question the stage does not require is not reported by either', () => {
    const text = readme({ answers: { slo: '' } });
    const findings = lint(text, kepYaml({ stage: 'alpha' }));
    assert.deepEqual(byRule(findings, 'empty-section'), []);
    assert.deepEqual(byRule(findings, STAGE), []);
  });

  it('empty-section still reports sections outside the questionnaire', () => {
    const text = readme().replace('A summary.', '<!-- a summary -->');
    const [finding] = byRule(lint(text), 'empty-section');
    assert.equal(lineOf(text, finding), '## Summary');
  });
});

describe('stage-required-fields (kep.yaml)', () => {
  it('reports nothing when feature-gates, disable-supported and metrics are set', () => {
    assert.deepEqual(byRule(lintYaml(kepYaml()), FIELDS), []);
  });

  it('reports each missing field on the stage value, naming the stage', () => {
    const yaml = kepYaml({ gates: [], disableSupported: null, metrics: [] });
    const findings = byRule(lintYaml(yaml, readme({ answers: { enable: ENABLE_SCAFFOLD } })), FIELDS);
    assert.deepEqual(
      findings.map((f) => f.message.split(':')[0]),
      ['Required from alpha (this KEP is beta)', 'Required from alpha (this KEP is beta)', 'Required from beta (this KEP is beta)'],
    );
    assert.match(findings[0].message, /feature-gates is empty/);
    assert.match(findings[1].message, /disable-supported is not set/);
    assert.match(findings[2].message, /metrics is empty/);
    for (const f of findings) {
      assert.equal(f.severity, 'warning');
      assert.equal(lineOf(yaml, f).startsWith('stage: '), true);
      assert.equal(f.range.start.character, 'stage: '.length);
    }
  });

  it('does not ask for feature-gates when the README enables the feature another way', () => {
    const other = readme({ answers: { enable: '- [x] Other\n  - Describe the mechanism: the --config flag' } });
    assert.deepEqual(byRule(lintYaml(kepYaml({ gates: [] }), other), FIELDS), []);
    const prose = readme({ answers: { enable: 'Operators pass the --config flag to kube-scheduler.' } });
    assert.deepEqual(byRule(lintYaml(kepYaml({ gates: [] }), prose), FIELDS), []);
  });

  it('asks for feature-gates when the README names a gate, and says which', () => {
    const [finding] = byRule(lintYaml(kepYaml({ gates: [] })), FIELDS);
    assert.match(finding.message, /feature-gates is empty.*The README names 'MyFeature'\.$/);
  });

  it('fixes disable-supported from the README\'s "Yes", and metrics from its "Metric name:" bullets', () => {
    const yaml = kepYaml({ disableSupported: null, metrics: [] });
    const [disable, metrics] = byRule(lintYaml(yaml), FIELDS);
    assert.equal(disable.fix?.title, 'Add disable-supported: true');
    assert.equal(metrics.fix?.title, "Add the README's metrics");
    const fixed = applyFix(applyFix(yaml, disable.fix!), metrics.fix!);
    assert.ok(
      fixed.endsWith('disable-supported: true\nmetrics:\n  - my_feature_requests_total\n') ||
        fixed.endsWith('metrics:\n  - my_feature_requests_total\ndisable-supported: true\n'),
    );
    assert.deepEqual(byRule(lintYaml(fixed), FIELDS), []);
  });

  it('does not require metrics at alpha', () => {
    assert.deepEqual(byRule(lintYaml(kepYaml({ stage: 'alpha', metrics: [] })), FIELDS), []);
  });

  it('says nothing for KEPs that predate the questionnaire, and is information for finished KEPs', () => {
    const yaml = (o: Parameters<typeof kepYaml>[0]) => kepYaml({ gates: [], disableSupported: null, metrics: [], ...o });
    assert.deepEqual(byRule(lintYaml(yaml({ latestMilestone: '0.0' })), FIELDS), []);
    assert.deepEqual(byRule(lintYaml(yaml({ latestMilestone: 'v1.20' })), FIELDS), []);
    assert.deepEqual(byRule(lintYaml(yaml({ status: 'provisional', stage: null })), FIELDS), []);
    const finished = byRule(lintYaml(yaml({ status: 'implemented', stage: 'stable' })), FIELDS);
    assert.equal(finished.length, 3);
    assert.ok(finished.every((f) => f.severity === 'info'));
  });

  it('works without a README', () => {
    const findings = byRule(lintYaml(kepYaml({ gates: [], disableSupported: null }), null), FIELDS);
    assert.equal(findings.length, 2);
    assert.equal(findings[1].fix, undefined);
  });
});

describe('the same fact once (issue 12, class 10)', () => {
  it('an empty kep.yaml metrics list at beta is stage-required-fields on kep.yaml, not also metric-not-in-kep-yaml', () => {
    const yaml = kepYaml({ metrics: [] });
    assert.deepEqual(byRule(lint(readme(), yaml), 'metric-not-in-kep-yaml'), []);
    assert.equal(byRule(lintYaml(yaml), FIELDS).filter((f) => f.message.includes('metrics is empty')).length, 1);
  });

  it('before beta the README metrics kep.yaml lacks are information, and no kep.yaml finding', () => {
    const yaml = kepYaml({ stage: 'alpha', metrics: [] });
    assert.deepEqual(
      byRule(lint(readme(), yaml), 'metric-not-in-kep-yaml').map((f) => f.severity),
      ['info'],
    );
    assert.deepEqual(
      byRule(lintYaml(yaml), FIELDS).filter((f) => f.message.includes('metrics')),
      [],
    );
  });

  it('a missing disable-supported is stage-required-fields once; a contradiction is still disable-supported-mismatch', () => {
    const missing = kepYaml({ disableSupported: null });
    assert.deepEqual(byRule(lint(readme(), missing), 'disable-supported-mismatch'), []);
    assert.equal(byRule(lintYaml(missing), FIELDS).filter((f) => f.message.includes('disable-supported is not set')).length, 1);
    // Without a stage requirement (a KEP before the questionnaire), the README rule still asks for the field.
    assert.equal(byRule(lint(readme(), kepYaml({ disableSupported: null, latestMilestone: 'v1.19' })), 'disable-supported-mismatch').length, 1);
    const contradicts = kepYaml({ disableSupported: 'false' });
    assert.equal(byRule(lint(readme(), contradicts), 'disable-supported-mismatch').length, 1);
  });
});
