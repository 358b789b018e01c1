// README ⇄ kep.yaml rules: feature gates both ways, title, disable-supported and metrics.
import assert from 'node:assert/strict';
import { labelledBullets } from '../../server/src/core/kep/readmeText';
import { titlesDiffer } from '../../server/src/core/rules/titleMismatch';
import { ANSWERS, applyFix, byRule, covered, ENABLE_SCAFFOLD, kepYaml, lineOf, lint, Q, readme } from './support/prrFixture';

const CROSS_FILE_RULES = ['gate-not-in-kep-yaml', 'gate-not-in-readme', 'title-mismatch', 'disable-supported-mismatch', 'metric-not-in-kep-yaml'];

function names(text: string, kind: 'gate' | 'metric' = 'gate'): string[] {
  const lines = text.split('\n');
  return labelledBullets(lines, 0, lines.length)[kind].flatMap((b) => b.names.map((n) => n.name));
}

function enableWith(bullets: string): string {
  return readme({ answers: { enable: `- [x] Feature gate\n${bullets}` } });
}

describe('README and kep.yaml that agree', () => {
  it('report nothing from the cross-file rules', () => {
    const findings = lint(readme()).filter((f) => CROSS_FILE_RULES.includes(f.rule));
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('report nothing when the KEP has no kep.yaml', () => {
    const findings = lint(readme(), null).filter((f) => CROSS_FILE_RULES.includes(f.rule));
    assert.deepEqual(findings, []);
  });
});

describe('"Feature gate name:" bullets', () => {
  it('read plain, backticked, linked and comma-separated names, and stop at prose', () => {
    assert.deepEqual(names('  - Feature gate name: MyFeature'), ['MyFeature']);
    assert.deepEqual(names('  - Feature gate name: `MyFeature`.'), ['MyFeature']);
    assert.deepEqual(names('  - Feature gate name: [ServerSideApply](https://example.com/x.go#L100)'), ['ServerSideApply']);
    assert.deepEqual(names('  - Feature gate name: CSIMigration, CSIMigration{vendor}, InTreePlugin{vendor}Unregister'), [
      'CSIMigration',
      'CSIMigration{vendor}',
      'InTreePlugin{vendor}Unregister',
    ]);
    assert.deepEqual(names('  - Feature gate name: `DynamicResourceAllocation` is an existing feature gate to'), ['DynamicResourceAllocation']);
    assert.deepEqual(names('  - Feature gate name: `ExecRequestID` (gates audit ID injection; requires `ExecEnvVar`)'), ['ExecRequestID']);
    assert.deepEqual(names('  - Feature gate name: `Foo` and `Bar`'), ['Foo', 'Bar']);
    assert.deepEqual(names('*   Feature gate name: StatefulSetSlice'), ['StatefulSetSlice']);
  });

  it('read the sub-bullets under an empty label, skipping their descriptions and other labels', () => {
    const text = [
      '  - Feature gate names:',
      '    - `TopologyManagerPolicyAlphaOptions`',
      '      - a description of it',
      '    - `TopologyManagerPolicyBetaOptions`',
      '  - Components depending on the feature gate: kubelet',
    ].join('\n');
    assert.deepEqual(names(text), ['TopologyManagerPolicyAlphaOptions', 'TopologyManagerPolicyBetaOptions']);
  });

  it('read no names from the empty template bullet, "N/A", prose, comments or code', () => {
    assert.deepEqual(names('  - Feature gate name:\n  - Components depending on the feature gate:'), []);
    assert.deepEqual(names('  - Feature gate name: N/A'), []);
    assert.deepEqual(names('  - Feature gate name: this KEP adds one later'), []);
    assert.deepEqual(names('<!--\n  - Feature gate name: Foo\n-->'), []);
    assert.deepEqual(names('```\n- Feature gate name: Foo\n```'), []);
  });

  it('read metric names with selectors, suffixes and sub-bullets', () => {
    assert.deepEqual(names('  - Metric name: `workqueue_depth{name="disruption"}`', 'metric'), ['workqueue_depth']);
    assert.deepEqual(names('  - Metric name: apiserver_request_total[resource=job, verb=UPDATE]', 'metric'), ['apiserver_request_total']);
    assert.deepEqual(names('  - Metric name: csi_sidecar_duration_seconds && storage_operation_duration_seconds, these metrics', 'metric'), [
      'csi_sidecar_duration_seconds',
      'storage_operation_duration_seconds',
    ]);
    assert.deepEqual(names('  - Metric name:\n    - `a_total`\n    - `b_seconds`\n    - Components exposing the metric: kubelet', 'metric'), [
      'a_total',
      'b_seconds',
    ]);
    assert.deepEqual(names('  - Metric name:\n  - [Optional] Aggregation method:\n  - Components exposing the metric:', 'metric'), []);
  });
});

describe('gate-not-in-kep-yaml', () => {
  it("suggests kep.yaml's spelling for a typo, and the fix renames it in the README", () => {
    const text = enableWith('  - Feature gate name: `ResilientWatchCacheInitilization`');
    const yaml = kepYaml({ gates: ['ResilientWatchCacheInitialization'] });
    const [finding, ...rest] = byRule(lint(text, yaml), 'gate-not-in-kep-yaml');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(covered(text, finding), 'ResilientWatchCacheInitilization');
    assert.match(finding.message, /^Feature gate 'ResilientWatchCacheInitilization' is not in kep\.yaml, which spells it 'ResilientWatchCacheInitialization'/);
    assert.equal(finding.fix?.title, "Rename to 'ResilientWatchCacheInitialization' (kep.yaml's spelling)");
    const fixed = applyFix(text, finding.fix!);
    assert.ok(fixed.includes('Feature gate name: `ResilientWatchCacheInitialization`'));
    assert.deepEqual(byRule(lint(fixed, yaml), 'gate-not-in-kep-yaml'), []);
    // The typo explains kep.yaml's gate: gate-not-in-readme says nothing more.
    assert.deepEqual(byRule(lint(text, yaml), 'gate-not-in-readme'), []);
  });

  it('suggests for a case difference too', () => {
    const text = enableWith('  - Feature gate name: InPlacePodVerticalScalingExclusiveCPUs');
    const [finding] = byRule(lint(text, kepYaml({ gates: ['InPlacePodVerticalScalingExclusiveCPUS'] })), 'gate-not-in-kep-yaml');
    assert.equal(finding.fix?.changes[0].newText, 'InPlacePodVerticalScalingExclusiveCPUS');
  });

  it("reports a rename once, naming kep.yaml's gate, without a fix", () => {
    const text = enableWith('  - Feature gate name: NamespaceDeletionOrder');
    const findings = lint(text, kepYaml({ gates: ['OrderedNamespaceDeletion'] }));
    const [finding, ...rest] = byRule(findings, 'gate-not-in-kep-yaml');
    assert.equal(rest.length, 0);
    assert.equal(
      finding.message,
      "Feature gate 'NamespaceDeletionOrder' is not in kep.yaml, which lists 'OrderedNamespaceDeletion' instead: use one name in both files, the one in the code.",
    );
    assert.equal(finding.fix, undefined);
    assert.deepEqual(byRule(findings, 'gate-not-in-readme'), []);
  });

  it('says so when kep.yaml lists no feature gates', () => {
    const [finding] = byRule(lint(readme(), kepYaml({ gates: [] })), 'gate-not-in-kep-yaml');
    assert.equal(finding.message, "The README names feature gate 'MyFeature', but kep.yaml lists no feature-gates: add it there (name and components).");
  });

  it('accepts every name kep.yaml lists, in any order', () => {
    const text = enableWith('  - Feature gate name: `Bar`, `MyFeature`');
    assert.deepEqual(byRule(lint(text, kepYaml({ gates: ['MyFeature', 'Bar'] })), 'gate-not-in-kep-yaml'), []);
  });
});

describe('gate-not-in-readme', () => {
  it('reports kep.yaml gates the README does not name, once, on the first bullet', () => {
    const text = readme();
    const findings = byRule(lint(text, kepYaml({ gates: ['MyFeature', 'OtherGate', 'ThirdGate'] })), 'gate-not-in-readme');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].message, "kep.yaml's feature gates 'OtherGate', 'ThirdGate' are not named in the README: write them after 'Feature gate name:'.");
    assert.equal(lineOf(text, findings[0]), '  - Feature gate name: MyFeature');
    assert.equal(findings[0].fix, undefined);
  });

  it("fills the template's empty bullet with kep.yaml's names", () => {
    const text = readme({ answers: { enable: ENABLE_SCAFFOLD.replace('- [ ] Feature gate', '- [x] Feature gate') } });
    const yaml = kepYaml({ gates: ['MyFeature', 'OtherGate'] });
    const [finding] = byRule(lint(text, yaml), 'gate-not-in-readme');
    assert.equal(lineOf(text, finding), '  - Feature gate name:');
    const fixed = applyFix(text, finding.fix!);
    assert.ok(fixed.includes('  - Feature gate name: MyFeature, OtherGate\n'));
    assert.deepEqual(byRule(lint(fixed, yaml), 'gate-not-in-readme'), []);
  });

  it('reports on the enablement question when the README has no "Feature gate name:" bullet', () => {
    const text = readme({ answers: { enable: 'Set the flag --my-feature.' } });
    const [finding] = byRule(lint(text), 'gate-not-in-readme');
    assert.equal(lineOf(text, finding), `###### ${Q.enable}`);
    assert.match(finding.message, /^kep\.yaml's feature gate 'MyFeature' is not named in the README/);
  });

  it('counts a gate named in the text of the enablement question (kubectl environment variables)', () => {
    const text = readme({ answers: { enable: '- [x] Other\n  - Describe the mechanism: environment variable `KUBECTL_KYAML`' } });
    assert.deepEqual(byRule(lint(text, kepYaml({ gates: ['KUBECTL_KYAML'] })), 'gate-not-in-readme'), []);
  });

  it('is information for an implemented KEP', () => {
    const text = readme({ answers: { enable: 'Set the flag --my-feature.' } });
    const [finding] = byRule(lint(text, kepYaml({ status: 'implemented', stage: 'stable' })), 'gate-not-in-readme');
    assert.equal(finding.severity, 'info');
  });
});

describe('title-mismatch', () => {
  it('ignores case, punctuation, spacing, plurals and a title that only adds words', () => {
    assert.equal(titlesDiffer('KEP-1234: My  Feature!', 'my feature'), false);
    assert.equal(titlesDiffer('[KEP-5055](https://example.com): DRA: device taints and tolerations', 'DRA: device taints and tolerations'), false);
    assert.equal(titlesDiffer('KEP-4671: Gang Scheduling using Workload Object', 'Gang Scheduling'), false);
    assert.equal(titlesDiffer('In-tree Storage Plugin to CSI Migration - Azure File Design Doc', 'In-tree Storage Plugin to CSI Migration - Azurefile'), false);
    assert.equal(titlesDiffer('KEP-4381: Dynamic Resource Allocation with Structured Parameters', 'DRA Structured Parameters'), false);
    assert.equal(titlesDiffer('KEP-1731: Publishing packages <!-- omit in toc -->', 'Publishing packages'), false);
    assert.deepEqual(byRule(lint(readme({ title: 'MY FEATURE.' })), 'title-mismatch'), []);
  });

  it('reports a real difference as information, on the title', () => {
    const text = readme({ title: 'StatefulSet Start Ordinal' });
    const [finding, ...rest] = byRule(lint(text, kepYaml({ title: 'StatefulSet Slice' })), 'title-mismatch');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, "The title differs from kep.yaml's title 'StatefulSet Slice'. Use the same title in both files.");
    assert.equal(finding.range.start.line, 0);
    assert.equal(finding.fix, undefined);
  });
});

describe('disable-supported-mismatch', () => {
  it('asks for disable-supported when the README answers, with the value its "Yes" means', () => {
    const text = readme();
    // A KEP before the questionnaire: no stage requirement, so stage-required-fields does not ask for the field.
    const [finding] = byRule(lint(text, kepYaml({ disableSupported: null, latestMilestone: 'v1.19' })), 'disable-supported-mismatch');
    assert.equal(finding.severity, 'warning');
    assert.equal(lineOf(text, finding), `###### ${Q.disable}`);
    assert.equal(finding.message, "The README answers this question ('Yes'), but kep.yaml does not set disable-supported: add disable-supported: true there.");
  });

  it('reports a README answer that contradicts kep.yaml', () => {
    const text = readme({ answers: { disable: 'No: the data written cannot be read by older versions.' } });
    const [finding] = byRule(lint(text, kepYaml({ disableSupported: 'true' })), 'disable-supported-mismatch');
    assert.equal(finding.message, "The README answers 'No' here, but kep.yaml says disable-supported: true. Make them agree.");
  });

  it('accepts YAML 1.1 booleans, an unanswered question, and false for a stable (locked) gate', () => {
    assert.deepEqual(byRule(lint(readme(), kepYaml({ disableSupported: 'yes' })), 'disable-supported-mismatch'), []);
    assert.deepEqual(
      byRule(lint(readme({ answers: { disable: '<!-- answer here -->' } }), kepYaml({ disableSupported: null })), 'disable-supported-mismatch'),
      [],
    );
    assert.deepEqual(byRule(lint(readme(), kepYaml({ stage: 'stable', disableSupported: 'false' })), 'disable-supported-mismatch'), []);
  });
});

describe('metric-not-in-kep-yaml', () => {
  it('before beta, names the metrics once as information when kep.yaml lists none', () => {
    const text = readme({ answers: { sli: '- [x] Metrics\n  - Metric name: `a_total`, `b_seconds`' } });
    const findings = byRule(lint(text, kepYaml({ stage: 'alpha', metrics: [] })), 'metric-not-in-kep-yaml');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
    assert.equal(findings[0].message, 'The README names metrics a_total, b_seconds, but kep.yaml lists no metrics: add them under metrics in kep.yaml.');
    assert.equal(covered(text, findings[0]), 'a_total');
  });

  it("treats the kep.yaml template's example metric as no metric: a warning from beta, where metrics are required", () => {
    const findings = byRule(lint(readme(), kepYaml({ metrics: ['my_feature_metric'] })), 'metric-not-in-kep-yaml');
    assert.equal(findings[0]?.severity, 'warning');
  });

  it('names each metric missing from a list kep.yaml has, as information', () => {
    const text = readme({ answers: { sli: '- [x] Metrics\n  - Metric name: `my_feature_requests_total`, `other_metric_seconds`' } });
    const [finding, ...rest] = byRule(lint(text), 'metric-not-in-kep-yaml');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'info');
    assert.equal(covered(text, finding), 'other_metric_seconds');
  });

  it('matches names with selectors and Prometheus suffixes', () => {
    const text = readme({ answers: { sli: '- [x] Metrics\n  - Metric name: `my_feature_requests{code="200"}`' } });
    assert.deepEqual(byRule(lint(text), 'metric-not-in-kep-yaml'), []);
  });

  it('says nothing when the README names no metrics', () => {
    assert.deepEqual(byRule(lint(readme({ answers: { sli: ANSWERS.slo } }), kepYaml({ metrics: [] })), 'metric-not-in-kep-yaml'), []);
  });
});
