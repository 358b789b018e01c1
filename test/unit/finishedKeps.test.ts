// Issue 12, class 12: for a finished KEP (status implemented, withdrawn, replaced, rejected or
// deferred), placeholders and the advisory kep.yaml rules are information, like the structure
// findings: the rules say so as data (quietWhenFinished), and effectiveSeverity applies it to
// README and kep.yaml findings alike. The same findings of an active KEP keep their severity.
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/core/rules';
import { METADATA_RULES } from '../../server/src/core/rules/metadata';
import { byRule, ENABLE_SCAFFOLD, kepYaml, lint, lintYaml, readme } from './support/prrFixture';
import { describeWithSample } from './support/sample';
import { brief, lintSampleFile } from './support/sampleLint';

const FINISHED = ['implemented', 'withdrawn', 'replaced', 'rejected', 'deferred'];
const ACTIVE = ['provisional', 'implementable'];

/** A kep.yaml with an unquoted milestone, an unknown SIG and a lower-case gate name. */
function advisoryYaml(status: string): string {
  return kepYaml({ status, stage: 'stable', gates: ['myFeature'] })
    .replace('latest-milestone: "v1.34"', 'latest-milestone: 1.34')
    .replace('owning-sig: sig-node', 'owning-sig: sig-node\nparticipating-sigs:\n  - sig-machinery');
}

describe('findings toned down for finished KEPs', () => {
  it('is data on the rules: placeholders, the gate mismatch rules and the advisory kep.yaml rules', () => {
    const quiet = [...RULES, ...METADATA_RULES].filter((r) => r.quietWhenFinished).map((r) => r.id);
    for (const id of ['placeholder', 'gate-not-in-kep-yaml', 'gate-not-in-readme', 'milestone-format', 'unknown-sig', 'feature-gate-name'])
      assert.ok(quiet.includes(id), id);
    // What stays wrong whatever the status keeps its severity.
    for (const id of ['toc', 'unresolved', 'implemented-stable', 'status-value', 'stage-value', 'yaml-syntax', 'required-field', 'prr-approval'])
      assert.ok(!quiet.includes(id), id);
  });

  for (const status of FINISHED) {
    it(`kep.yaml advice is information for a KEP that is ${status}`, () => {
      const findings = lintYaml(advisoryYaml(status));
      for (const rule of ['milestone-format', 'unknown-sig', 'feature-gate-name'])
        assert.deepEqual(
          byRule(findings, rule).map((f) => f.severity),
          ['info'],
          rule,
        );
    });
  }

  for (const status of ACTIVE) {
    it(`kep.yaml advice stays a warning for a KEP that is ${status}`, () => {
      const findings = lintYaml(advisoryYaml(status));
      for (const rule of ['milestone-format', 'unknown-sig', 'feature-gate-name'])
        assert.deepEqual(
          byRule(findings, rule).map((f) => f.severity),
          ['warning'],
          rule,
        );
    });
  }

  it('keeps hints as hints', () => {
    const legacy = kepYaml({ status: 'implemented', stage: 'stable', latestMilestone: '0.0' });
    assert.deepEqual(
      byRule(lintYaml(legacy), 'milestone-format').map((f) => f.severity),
      ['hint'],
    );
  });

  it('README placeholders and gate mismatches are information for an implemented KEP, warnings for an implementable one', () => {
    const text = readme({
      answers: {
        enable: ENABLE_SCAFFOLD.replace('- [ ] Feature gate', '- [x] Feature gate').replace('  - Feature gate name:', '  - Feature gate name: OtherGate'),
      },
    });
    for (const [status, severity] of [
      ['implemented', 'info'],
      ['implementable', 'warning'],
    ]) {
      const findings = lint(text, kepYaml({ status, stage: 'stable', gates: ['MyFeature'] }));
      const placeholders = byRule(findings, 'placeholder');
      assert.ok(placeholders.length > 0);
      assert.ok(
        placeholders.every((f) => f.severity === severity),
        `${status}: ${placeholders.map((f) => f.severity)}`,
      );
      assert.deepEqual(
        byRule(findings, 'gate-not-in-kep-yaml').map((f) => f.severity),
        [severity],
        status,
      );
    }
  });

  it("the user's severity for a rule wins over the toning down", () => {
    const findings = lint(readme({ answers: { enable: ENABLE_SCAFFOLD } }), kepYaml({ status: 'implemented', stage: 'stable' }), {
      rules: { placeholder: 'error' },
    });
    const placeholders = byRule(findings, 'placeholder');
    assert.ok(placeholders.length > 0 && placeholders.every((f) => f.severity === 'error'));
  });
});

describeWithSample('finished KEPs of the sample', () => {
  it('3515-kubectl-explain-openapiv3 (implemented at beta): milestone advice is information, implemented-stable stays a warning', async () => {
    const findings = await lintSampleFile('keps/sig-cli/3515-kubectl-explain-openapiv3/kep.yaml');
    assert.deepEqual(brief(byRule(findings, 'milestone-format')), [
      '19 milestone-format info',
      '21 milestone-format info',
      '22 milestone-format info',
      '23 milestone-format info',
    ]);
    assert.deepEqual(brief(byRule(findings, 'implemented-stable')), ['18 implemented-stable warning']);
  });

  it('1435-mixed-protocol-lb (implemented): the README/kep.yaml gate rename is information', async () => {
    const findings = await lintSampleFile('keps/sig-network/1435-mixed-protocol-lb/README.md');
    assert.deepEqual(brief(byRule(findings, 'gate-not-in-kep-yaml')), ['533 gate-not-in-kep-yaml info']);
  });

  it('4595-cel-crd-additionalprintercolumns (active): the unquoted milestones stay warnings', async () => {
    const findings = await lintSampleFile('keps/sig-api-machinery/4595-cel-crd-additionalprintercolumns/kep.yaml');
    assert.deepEqual(brief(byRule(findings, 'milestone-format')), ['20 milestone-format warning', '23 milestone-format warning']);
  });
});
