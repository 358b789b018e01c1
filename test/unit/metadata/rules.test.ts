import assert from 'node:assert/strict';
import { METADATA_RULES } from '../../../server/src/core/rules/metadata';
import { RULE_IDS } from '../../../server/src/core/rules';
import { analyzeKepYaml } from '../../../server/src/core/features/metadataAnalysis';
import { applyFix, byRule, covered, GOOD_KEP, GOOD_PRR, KEP_YAML, lintKep, lintPrr, PRR, ROOT, summary, workspace } from './support';

/** GOOD_KEP with one line replaced (or removed when `to` is null). */
function edit(from: string | RegExp, to: string): string {
  const out = GOOD_KEP.replace(from, to);
  assert.notEqual(out, GOOD_KEP, `fixture edit did not apply: ${from}`);
  return out;
}

describe('metadata rules', () => {
  it('have unique kebab-case ids, distinct from the README rules, with descriptions', () => {
    const ids = METADATA_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of METADATA_RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(!RULE_IDS.includes(rule.id), rule.id);
      assert.ok(rule.description.length > 10, rule.id);
      assert.ok(rule.checkKepYaml || rule.checkPrrApproval, rule.id);
    }
  });

  it('report nothing on a good kep.yaml and a good approval file', () => {
    assert.deepEqual(summary(lintKep(GOOD_KEP)), []);
    assert.deepEqual(summary(lintPrr(GOOD_PRR)), []);
  });
});

describe('yaml-syntax', () => {
  it('reports a syntax error as an error', () => {
    const findings = byRule(lintKep('title: [unclosed\nkep-number: 1\n'), 'yaml-syntax');
    assert.ok(findings.length >= 1);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /^YAML syntax error: .*Upstream CI cannot read kep\.yaml/);
  });

  it('quotes a handle written without quotes', () => {
    const text = edit('  - "@alice"', '  - @alice # lead');
    const [finding] = byRule(lintKep(text), 'yaml-syntax');
    assert.match(finding.message, /cannot start with '@' unless it is quoted/);
    const fixed = applyFix(text, finding.fix!);
    assert.match(fixed, /- "@alice" # lead/);
    assert.deepEqual(summary(lintKep(fixed)), []);
  });

  it('passes valid YAML', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'yaml-syntax').length, 0);
    assert.equal(byRule(lintKep('---\n' + GOOD_KEP), 'yaml-syntax').length, 0);
  });

  it('warns (only) about a second document, which upstream ignores', () => {
    const findings = lintKep(GOOD_KEP + '---\nfoo: bar\n');
    assert.deepEqual(summary(findings), ['yaml-syntax warning 32:1']);
    assert.match(findings[0].message, /upstream reads only the first one/);
  });
});

describe('duplicate-field', () => {
  it('reports the repeat and names the first line', () => {
    const text = GOOD_KEP + 'title: Again\n';
    const [finding, ...rest] = byRule(lintKep(text), 'duplicate-field');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding), 'title');
    assert.match(finding.message, /already set on line 1: upstream CI fails with "mapping key "title" already defined"/);
  });

  it('also inside milestone, and not for different keys', () => {
    assert.equal(byRule(lintKep(edit('  beta: "v1.34"', '  beta: "v1.34"\n  beta: "v1.35"')), 'duplicate-field').length, 1);
    assert.equal(byRule(lintKep(GOOD_KEP), 'duplicate-field').length, 0);
  });
});

describe('unknown-field', () => {
  it('rejects an unknown top-level key and suggests the known one', () => {
    const text = GOOD_KEP + 'editors: "@dan"\n';
    const [finding] = byRule(lintKep(text), 'unknown-field');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding), 'editors');
    assert.match(
      finding.message,
      /^Unknown field 'editors': upstream CI reads kep.yaml strictly and fails with "field editors not found in type api.Proposal". Did you mean 'editor'\?/,
    );
  });

  it('rejects unknown keys inside milestone and feature-gates entries', () => {
    const text = edit('  stable: "v1.36"', '  stable: "v1.36"\n  ga: "v1.37"').replace('    components:', '    component:');
    const findings = byRule(lintKep(text), 'unknown-field');
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['ga', 'component'],
    );
    assert.match(findings[0].message, /in 'milestone'.*api\.Milestone/);
    assert.match(findings[1].message, /in 'feature-gates'.*api\.FeatureGate.*Did you mean 'components'/);
  });

  it('accepts every field upstream knows, including the unused id, prnumber, name and path', () => {
    const text = GOOD_KEP + 'editor: "@dan"\nsuperseded-by: []\nid: "1"\nprnumber: "2"\nname: x\npath: y\n';
    assert.equal(byRule(lintKep(text), 'unknown-field').length, 0);
  });

  it('rejects unknown keys in approval files', () => {
    const findings = byRule(lintPrr(GOOD_PRR + 'ga:\n  approver: "@x"\nbeta2: {}\n'), 'unknown-field');
    assert.equal(findings.length, 2);
    assert.match(findings[0].message, /api\.PRRApproval/);
    assert.equal(byRule(lintPrr(GOOD_PRR.replace('  approver: "@newcomer"', '  approvers: "@newcomer"')), 'unknown-field').length, 1);
  });
});

describe('required-field', () => {
  it('reports a missing required field with upstream words', () => {
    const text = edit(/^title: .*\n/, '');
    const [finding, ...rest] = byRule(lintKep(text), 'required-field');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.match(
      finding.message,
      /^Required field 'title' is missing: .*"Key: 'Proposal.Title' Error:Field validation for 'Title' failed on the 'required' tag"/,
    );
  });

  it('reports empty required text and a null required list, on the key', () => {
    const text = edit('kep-number: 1234', 'kep-number: ""').replace('approvers:\n  - "@carol" # sig-node-assigned-approver', 'approvers:');
    const findings = byRule(lintKep(text), 'required-field');
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['kep-number', 'approvers'],
    );
  });

  it('accepts an empty list [] as upstream does', () => {
    assert.equal(byRule(lintKep(edit('authors:\n  - "@alice"', 'authors: []')), 'required-field').length, 0);
  });

  it('reports every required field of an empty file', () => {
    assert.equal(byRule(lintKep(''), 'required-field').length, 6);
  });

  it('in approval files: kep-number, and approver in a written block', () => {
    const findings = byRule(lintPrr('alpha: {}\nbeta:\n'), 'required-field');
    assert.deepEqual(
      findings.map((f) => f.message.slice(0, 40)),
      ["Required field 'approver' is missing in ", "Required field 'kep-number' is missing: "],
    );
    assert.match(findings[0].message, /"Key: 'PRRApproval.Alpha.Approver' Error:Field validation for 'Approver' failed on the 'required' tag"/);
    assert.equal(byRule(lintPrr(GOOD_PRR), 'required-field').length, 0);
    assert.equal(
      byRule(lintPrr('kep-number: 0000\nalpha:\n  approver: ""\n', { path: `${ROOT}/keps/prod-readiness/template/nnnn.yaml` }), 'required-field').length,
      0,
    );
  });
});

describe('field-type', () => {
  it('rejects text where a list belongs, and a mapping where text belongs', () => {
    const text = edit('authors:\n  - "@alice"', 'authors: "@alice"').replace('title: My feature', 'title:\n  en: My feature');
    const findings = byRule(lintKep(text), 'field-type');
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        `'title' must be text, but it is a mapping: upstream CI fails with "cannot unmarshal !!map into string".`,
        `'authors' must be a list (one \`- item\` per line), but it is '@alice': upstream CI fails with "cannot unmarshal !!str \`@alice\` into []string".`,
      ],
    );
    assert.ok(findings.every((f) => f.severity === 'error'));
  });

  it('reads booleans as yaml.v3 does: yes is fine, quoted "true" is not', () => {
    assert.equal(byRule(lintKep(edit('disable-supported: true', 'disable-supported: yes')), 'field-type').length, 0);
    const [finding] = byRule(lintKep(edit('disable-supported: true', 'disable-supported: "true"')), 'field-type');
    assert.match(finding.message, /must be true or false, but it is 'true' in quotes/);
  });

  it('rejects a milestone that is not a mapping and a gate that is not a mapping', () => {
    const text = edit(/milestone:\n( {2}.*\n)+/, 'milestone: "v1.34"\n').replace(/feature-gates:\n( {2}.*\n)+/, 'feature-gates:\n  - MyFeature\n');
    const findings = byRule(lintKep(text), 'field-type');
    assert.equal(findings.length, 2);
    assert.match(findings[0].message, /api\.Milestone/);
    assert.match(findings[1].message, /'feature-gates\[\]' must be a mapping of fields.*api\.FeatureGate/);
  });

  it("names the tag yaml.v3 resolves, as upstream's message does", () => {
    const [finding] = byRule(lintKep(edit('approvers:\n  - "@carol" # sig-node-assigned-approver', 'approvers: 1')), 'field-type');
    assert.match(finding.message, /"cannot unmarshal !!int `1` into \[\]string"/);
  });

  it('accepts any scalar as text, as upstream reads it', () => {
    assert.equal(byRule(lintKep(GOOD_KEP.replace('title: My feature', 'title: 42')), 'field-type').length, 0);
  });
});

describe('status-value', () => {
  it('rejects a status outside the documented set and suggests the closest', () => {
    const [finding] = byRule(lintKep(edit('status: implementable', 'status: implemntable')), 'status-value');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^Status 'implemntable' is not one the KEP process defines .* Did you mean 'implementable'\?/);
  });

  it("explains the template's list of choices", () => {
    const [finding] = byRule(lintKep(edit('status: implementable', 'status: provisional|implementable|implemented')), 'status-value');
    assert.match(finding.message, /template's list of choices/);
  });

  it('accepts every documented status', () => {
    for (const s of ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced'])
      assert.equal(byRule(lintKep(GOOD_KEP.replace('status: implementable', `status: ${s}`)), 'status-value').length, 0, s);
  });
});

describe('stage-value', () => {
  it('rejects a stage outside the documented set', () => {
    const text = edit('stage: beta', 'stage: ga');
    const [finding] = byRule(lintKep(text), 'stage-value');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding), 'ga');
    assert.match(finding.message, /"invalid stage: ga"/);
  });

  it('accepts the documented stages and leaves an empty stage to prr-approval', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'stage-value').length, 0);
    assert.equal(byRule(lintKep(edit('stage: beta', 'stage:')), 'stage-value').length, 0);
  });
});

describe('prr-approval', () => {
  const rule = (text: string, options = {}) => byRule(lintKep(text, options), 'prr-approval');

  it('passes with an approver from the workspace OWNERS_ALIASES (not in the bundled list)', () => {
    assert.deepEqual(rule(GOOD_KEP), []);
  });

  it('requires the approval file', () => {
    const [finding] = rule(GOOD_KEP, { prr: null });
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /the approval file keps\/prod-readiness\/sig-node\/1234\.yaml does not exist/);
    assert.equal(covered(GOOD_KEP, finding), 'beta');
  });

  it('says an approval file that is there but could not be read was not read, not that it is missing, and offers no file to create', () => {
    const ws = workspace({ kepYaml: GOOD_KEP });
    // What a snapshot holds for a file too large, not regular, or linked out of the checked tree.
    const unread = {
      readText: (path: string) => (path === PRR ? undefined : ws.readText(path)),
      exists: (path: string) => ws.exists(path),
      listDirectory: (path: string) => ws.listDirectory(path),
    };
    assert.ok(ws.exists(PRR));
    const [finding, ...rest] = byRule(analyzeKepYaml(KEP_YAML, GOOD_KEP, unread, { rules: {} }), 'prr-approval');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /the approval file keps\/prod-readiness\/sig-node\/1234\.yaml is there but could not be read/);
    assert.equal(finding.fix, undefined);
  });

  it("requires a block for the KEP's stage", () => {
    const [finding] = rule(
      edit('stage: beta', 'stage: stable').replace('  beta: "v1.34"', '  beta: "v1.33"').replace('  stable: "v1.36"', '  stable: "v1.34"'),
    );
    assert.match(finding.message, /has no 'stable' block \("the selected PRR milestone stage is not populated"\)/);
    const [none] = rule(GOOD_KEP, { prr: 'kep-number: 1234\n' });
    assert.match(none.message, /"none of the PRR milestones are populated"/);
  });

  it('requires the approver to be a PRR approver, with or without @', () => {
    const [finding] = rule(GOOD_KEP, { prr: GOOD_PRR.replace('"@newcomer"', '"@somebody"') });
    assert.match(finding.message, /'@somebody', is not a production readiness approver \("this contributor \(somebody\) is not a PRR approver"\)/);
    assert.deepEqual(rule(GOOD_KEP, { prr: GOOD_PRR.replace('"@newcomer"', 'ehashman') }), []);
    assert.equal(rule(GOOD_KEP, { aliases: null }).length, 1, 'newcomer is only in the workspace OWNERS_ALIASES');
  });

  it('reports an approval file upstream cannot read', () => {
    const [finding] = rule(GOOD_KEP, { prr: GOOD_PRR + 'extra: 1\n' });
    assert.match(finding.message, /cannot read keps\/prod-readiness\/sig-node\/1234\.yaml \("parsing PRR": field extra not found/);
  });

  it('needs latest-milestone and stage', () => {
    const findings = rule(edit(/latest-milestone: .*\n/, '').replace('stage: beta', 'stage: ""'));
    assert.deepEqual(
      findings.map((f) => /\("(missing the [a-z ]+ field)"\)/.exec(f.message)?.[1]),
      ['missing the latest milestone field', 'missing the stage field'],
    );
  });

  it('reports a latest-milestone upstream cannot read', () => {
    const [finding] = rule(edit('latest-milestone: "v1.34"', 'latest-milestone: "soon"'));
    assert.match(finding.message, /"creating a SemVer object for latest milestone"/);
  });

  it('exempts "0.0", releases before v1.21, and KEPs that are not implementable or implemented', () => {
    assert.deepEqual(rule(edit('latest-milestone: "v1.34"', 'latest-milestone: "0.0"'), { prr: null }), []);
    assert.deepEqual(rule(edit('latest-milestone: "v1.34"', 'latest-milestone: "v1.20"'), { prr: null }), []);
    assert.deepEqual(rule(edit('status: implementable', 'status: provisional'), { prr: null }), []);
    assert.equal(rule(edit('latest-milestone: "v1.34"', 'latest-milestone: 1.21'), { prr: null }).length, 1);
  });
});

describe('implemented-stable', () => {
  it('warns about implemented at beta, and the fix sets stable', () => {
    const text = edit('status: implementable', 'status: implemented');
    const [finding] = byRule(lintKep(text), 'implemented-stable');
    assert.equal(finding.severity, 'warning');
    assert.equal(covered(text, finding), 'beta');
    const fixed = applyFix(text, finding.fix!);
    assert.match(fixed, /^stage: stable$/m);
    assert.equal(byRule(lintKep(fixed), 'implemented-stable').length, 0);
  });

  it('adds the stage when there is none', () => {
    const text = edit('status: implementable', 'status: implemented').replace('stage: beta\n', '');
    const [finding] = byRule(lintKep(text), 'implemented-stable');
    const fixed = applyFix(text, finding.fix!);
    assert.match(fixed, /^status: implemented\nstage: stable\n/m);
  });

  it('passes implemented + stable, and an implemented deprecation, disabling or removal', () => {
    const implemented = (stage: string): string => edit('status: implementable', 'status: implemented').replace('stage: beta', `stage: ${stage}`);
    assert.equal(byRule(lintKep(implemented('stable')), 'implemented-stable').length, 0);
    // A deprecation KEP ends at its removal, not at stable (issue 12, class 12).
    for (const stage of ['deprecated', 'disabled', 'removed']) assert.equal(byRule(lintKep(implemented(stage)), 'implemented-stable').length, 0, stage);
    // Beside them, an implemented KEP left at alpha is still reported, at its severity.
    const [alpha] = byRule(lintKep(implemented('alpha')), 'implemented-stable');
    assert.equal(alpha.severity, 'warning');
  });
});

describe('milestone-format', () => {
  it('rewrites an unquoted 1.20 as "v1.20"', () => {
    const text = edit('latest-milestone: "v1.34"', 'latest-milestone: 1.20');
    const [finding] = byRule(lintKep(text, { prr: null }), 'milestone-format');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Write latest-milestone as "v1.20".*Unquoted, 1.20 is a number to most YAML readers \(1.2\)/);
    const fixed = applyFix(text, finding.fix!);
    assert.match(fixed, /^latest-milestone: "v1.20"$/m);
    assert.equal(byRule(lintKep(fixed), 'milestone-format').length, 0);
  });

  it('fixes "1.33" and v1.36.0 under milestone too', () => {
    const text = edit('  alpha: "v1.33"', '  alpha: "1.33"').replace('  stable: "v1.36"', '  stable: v1.36.0');
    const findings = byRule(lintKep(text), 'milestone-format');
    assert.deepEqual(
      findings.map((f) => f.fix?.changes[0].newText),
      ['"v1.33"', '"v1.36"'],
    );
  });

  it('explains the legacy "0.0" as a hint', () => {
    const [finding] = byRule(lintKep(edit('latest-milestone: "v1.34"', 'latest-milestone: "0.0"')), 'milestone-format');
    assert.equal(finding.severity, 'hint');
    assert.match(finding.message, /legacy value/);
  });

  it('warns about text that is not a release, without a fix; accepts "v1.NN" and a later stage left TBD', () => {
    const [finding] = byRule(lintKep(edit('  stable: "v1.36"', '  stable: never')), 'milestone-format');
    assert.equal(finding.fix, undefined);
    assert.equal(byRule(lintKep(edit('  stable: "v1.36"', '  stable: TBD')), 'milestone-format').length, 0);
    assert.equal(byRule(lintKep(GOOD_KEP), 'milestone-format').length, 0);
  });
});

describe('milestone-stage', () => {
  it('wants milestone.<stage> for the current stage', () => {
    const text = edit('  beta: "v1.34"\n', '');
    const [finding] = byRule(lintKep(text), 'milestone-stage');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /The stage is beta, but milestone.beta is not set/);
  });

  it('wants it no later than latest-milestone', () => {
    const [finding] = byRule(lintKep(edit('  beta: "v1.34"', '  beta: "v1.35"')), 'milestone-stage');
    assert.match(finding.message, /milestone.beta \(v1.35\) is later than latest-milestone \(v1.34\)/);
  });

  it('passes a consistent KEP and ignores provisional ones', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'milestone-stage').length, 0);
    assert.equal(byRule(lintKep(edit('status: implementable', 'status: provisional').replace('  beta: "v1.34"\n', '')), 'milestone-stage').length, 0);
  });
});

describe('date-format', () => {
  it('wants real dates written yyyy-mm-dd', () => {
    const text = edit('creation-date: 2025-01-31', 'creation-date: 2023-14-05').replace('last-updated: "2025-06-30"', 'last-updated: v1.29');
    const findings = byRule(lintKep(text), 'date-format');
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        "creation-date '2023-14-05' is not a real date: check the month and the day.",
        "last-updated 'v1.29' is not a date written yyyy-mm-dd (for example 2025-01-31).",
      ],
    );
  });

  it('knows leap years', () => {
    assert.equal(byRule(lintKep(edit('creation-date: 2025-01-31', 'creation-date: 2024-02-29')), 'date-format').length, 0);
    assert.equal(byRule(lintKep(edit('creation-date: 2025-01-31', 'creation-date: 2023-02-29')), 'date-format').length, 1);
    assert.equal(byRule(lintKep(edit('creation-date: 2025-01-31', 'creation-date: 1900-02-29')), 'date-format').length, 1);
  });
});

describe('handle-format', () => {
  it('adds the @ and keeps the quotes', () => {
    const text = edit('  - "@bob"', '  - bob');
    const [finding] = byRule(lintKep(text), 'handle-format');
    assert.equal(finding.severity, 'info');
    const fixed = applyFix(text, finding.fix!);
    assert.match(fixed, /^ {2}- "@bob"$/m);
    assert.equal(byRule(lintKep(fixed), 'handle-format').length, 0);
  });

  it('removes typographic quotes and points out notes', () => {
    const text = edit('  - "@bob"', '  - “@bob”').replace('  - "@carol" # sig-node-assigned-approver', '  - "@carol - for the API part"');
    const findings = byRule(lintKep(text), 'handle-format');
    assert.equal(findings[0].fix?.changes[0].newText, '"@bob"');
    assert.match(findings[1].message, /handle with a note/);
  });

  it('leaves TBD and handles alone, and checks approval files', () => {
    assert.equal(byRule(lintKep(edit('  - "@bob"', '  - TBD')), 'handle-format').length, 0);
    const [finding] = byRule(lintPrr(GOOD_PRR.replace('"@johnbelamaric"', 'johnbelamaric')), 'handle-format');
    assert.equal(finding.fix?.changes[0].newText, '"@johnbelamaric"');
  });
});

describe('tbd-reviewers', () => {
  it('warns about TBD in an implementable KEP', () => {
    const text = edit('  - "@bob"', '  - TBD');
    const [finding] = byRule(lintKep(text), 'tbd-reviewers');
    assert.equal(finding.severity, 'warning');
    assert.equal(covered(text, finding), 'TBD');
  });

  it('accepts TBD while provisional', () => {
    assert.equal(byRule(lintKep(edit('  - "@bob"', '  - TBD').replace('status: implementable', 'status: provisional')), 'tbd-reviewers').length, 0);
  });
});

describe('owning-sig-folder', () => {
  it('warns when owning-sig is not the keps/<sig> folder', () => {
    const [finding] = byRule(lintKep(edit('owning-sig: sig-node', 'owning-sig: sig-apps')), 'owning-sig-folder');
    assert.match(finding.message, /owning-sig is 'sig-apps' but the KEP sits in keps\/sig-node\//);
  });

  it('passes a matching folder and ignores folders that are not groups', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'owning-sig-folder').length, 0);
    const path = `${ROOT}/keps/provider-aws/2315-x/kep.yaml`;
    assert.equal(byRule(lintKep(edit('kep-number: 1234', 'kep-number: 2315'), { path }), 'owning-sig-folder').length, 0);
  });
});

describe('kep-number-match', () => {
  it("compares kep-number with the folder's number", () => {
    const [finding] = byRule(lintKep(edit('kep-number: 1234', 'kep-number: 1235'), { prr: null }), 'kep-number-match');
    assert.match(finding.message, /kep-number is 1235 but the KEP folder is 1234-my-feature/);
  });

  it('compares kep-number with the README title', () => {
    const [finding] = byRule(lintKep(GOOD_KEP, { readme: '<!-- x -->\n# KEP-999: My feature\n' }), 'kep-number-match');
    assert.match(finding.message, /README.md's title \(line 2\) says KEP-999/);
  });

  it('passes when all agree, or when the README has no KEP number', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'kep-number-match').length, 0);
    assert.equal(byRule(lintKep(GOOD_KEP, { readme: '# My feature\n' }), 'kep-number-match').length, 0);
    assert.equal(byRule(lintKep(GOOD_KEP, { readme: null }), 'kep-number-match').length, 0);
  });
});

describe('unknown-sig', () => {
  it('warns about unknown groups and suggests the intended one', () => {
    const text = edit('  - sig-api-machinery', '  - sig-arch\n  - sig-machinery\n  - kubernetes-wide').replace('owning-sig: sig-node', 'owning-sig: sig-nodes');
    const findings = byRule(lintKep(text), 'unknown-sig');
    assert.deepEqual(
      findings.map((f) => /Did you mean '([^']+)'/.exec(f.message)?.[1]),
      ['sig-node', 'sig-architecture', 'sig-api-machinery'],
    );
    assert.ok(findings.every((f) => f.severity === 'warning'));
  });

  it('knows groups from the bundled list and from the workspace folders', () => {
    assert.equal(byRule(lintKep(GOOD_KEP), 'unknown-sig').length, 0);
    const text = edit('  - sig-api-machinery', '  - wg-brand-new');
    assert.equal(byRule(lintKep(text), 'unknown-sig').length, 1);
    assert.equal(byRule(lintKep(text, { extra: { [`${ROOT}/keps/wg-brand-new/1-x/README.md`]: '' } }), 'unknown-sig').length, 0);
  });
});

describe('feature-gate-name', () => {
  it('wants UpperCamelCase names', () => {
    const findings = byRule(lintKep(edit('  - name: MyFeature', '  - name: myFeature\n  - name: n/a\n  - components: [kubelet]')), 'feature-gate-name');
    assert.equal(findings.length, 3);
    assert.match(findings[0].message, /perhaps 'MyFeature'/);
    assert.match(findings[1].message, /not a feature gate/);
    assert.match(findings[2].message, /has no name/);
  });

  it('accepts UpperCamelCase with acronyms and kubectl env-var gates', () => {
    assert.equal(byRule(lintKep(edit('  - name: MyFeature', '  - name: CSIMigrationAWS\n  - name: KUBECTL_KUBERC')), 'feature-gate-name').length, 0);
  });
});

describe('feature-gate-components', () => {
  it('warns about comma lists, free text and near misses', () => {
    const text = edit(
      '      - kubelet',
      '      - kubelet\n      - kube-apiserver,kubelet\n      - kube-apiserver (PodSecurity admission plugin)\n      - kube-schduler\n      - konnectivity-agent',
    );
    const findings = byRule(lintKep(text), 'feature-gate-components');
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['warning', 'warning', 'warning', 'hint'],
    );
    assert.match(findings[0].message, /one component per entry/);
    assert.match(findings[1].message, /description, not a component/);
    assert.match(findings[2].message, /did you mean 'kube-scheduler'/);
  });

  it('gives information when a gate lists no components, and passes known ones', () => {
    const [finding] = byRule(lintKep(edit(/ {4}components:\n( {6}- .*\n)+/, '')), 'feature-gate-components');
    assert.equal(finding.severity, 'info');
    assert.equal(byRule(lintKep(GOOD_KEP), 'feature-gate-components').length, 0);
  });
});

describe('prr-file-number', () => {
  it('warns when kep-number differs from the file name', () => {
    const [finding] = byRule(lintPrr(GOOD_PRR.replace('kep-number: 1234', 'kep-number: 01234')), 'prr-file-number');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /kep-number is 01234 but the file is 1234.yaml.*without leading zeros/);
  });

  it('passes a matching number', () => {
    assert.equal(byRule(lintPrr(GOOD_PRR), 'prr-file-number').length, 0);
  });
});

describe('prr-approver', () => {
  it('warns about an approver who is not a PRR approver', () => {
    const [finding] = byRule(lintPrr(GOOD_PRR.replace('"@johnbelamaric"', '"@johnbelamarc"')), 'prr-approver');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /did you mean 'johnbelamaric'/);
  });

  it('accepts approvers from OWNERS_ALIASES and the bundled snapshot', () => {
    assert.equal(byRule(lintPrr(GOOD_PRR.replace('"@johnbelamaric"', 'wojtek-t')), 'prr-approver').length, 0);
  });
});

describe('metadata settings', () => {
  it('turn a rule off or change its severity', () => {
    const text = edit('  - "@bob"', '  - TBD');
    const ws = workspace({ kepYaml: text });
    assert.equal(byRule(analyzeKepYaml(KEP_YAML, text, ws, { rules: { 'tbd-reviewers': 'off' } }), 'tbd-reviewers').length, 0);
    const [finding] = byRule(analyzeKepYaml(KEP_YAML, text, ws, { rules: { 'tbd-reviewers': 'error' } }), 'tbd-reviewers');
    assert.equal(finding.severity, 'error');
    assert.equal(PRR.endsWith('1234.yaml'), true);
  });
});
