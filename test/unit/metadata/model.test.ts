import assert from 'node:assert/strict';
import { readKepYaml } from '../../../server/src/core/kep/kepYaml';
import { isPrrApprovalPath, readPrrApproval } from '../../../server/src/core/kep/prrApproval';
import { InMemoryWorkspace } from '../../../server/src/core/workspace/files';
import { enhancementsLocation, kepFolder, parseOwnersAliases, workspaceFacts } from '../../../server/src/core/kep/workspaceFacts';
import { readmeTitleOf } from '../../../server/src/core/kep/metadataContext';
import { ALIASES, GOOD_KEP, KEP_YAML, ListingWorkspace, PRR } from './support';

describe('kep.yaml typed view', () => {
  it('reads every field with its value as written', () => {
    const kep = readKepYaml(GOOD_KEP);
    assert.equal(kep.kepNumber?.text, '1234');
    assert.equal(kep.latestMilestone?.text, 'v1.34');
    assert.deepEqual(
      kep.authors?.items?.map((i) => i.text),
      ['@alice'],
    );
    assert.equal(kep.approvers?.items?.[0].comment, 'sig-node-assigned-approver');
    assert.deepEqual([...(kep.milestone?.stages.keys() ?? [])], ['alpha', 'beta', 'stable']);
    assert.equal(kep.featureGates?.gates[0].name?.text, 'MyFeature');
    assert.deepEqual(
      kep.featureGates?.gates[0].components?.items?.map((i) => i.text),
      ['kube-apiserver', 'kubelet'],
    );
    assert.equal(kep.disableSupported?.text, 'true');
    assert.deepEqual(kep.replaces?.items, []);
    assert.deepEqual(kep.stage?.keyRange.start, { line: 17, character: 0 });
  });

  it('keeps a field of the wrong shape, without its typed part', () => {
    const kep = readKepYaml('title:\n  a: b\nauthors: "@alice"\nreviewers:\n');
    assert.equal(kep.title?.text, undefined);
    assert.equal(kep.title?.keyRange.start.line, 0);
    assert.equal(kep.authors?.items, undefined);
    assert.deepEqual(kep.reviewers?.items, []);
    assert.equal(kep.reviewers?.isNull, true);
  });

  it('has no fields when the file is not a mapping', () => {
    assert.equal(readKepYaml('- a\n- b\n').title, undefined);
    assert.equal(readKepYaml('').root, undefined);
  });
});

describe('approval file typed view', () => {
  it('reads the number and the stage blocks', () => {
    const prr = readPrrApproval('kep-number: 0752\nalpha:\n  approver: deads2k\nbeta:\n');
    assert.equal(prr.kepNumber?.text, '0752');
    assert.equal(prr.blocks.get('alpha')?.approver?.text, 'deads2k');
    assert.equal(prr.blocks.get('beta')?.present, false);
    assert.equal(prr.blocks.has('stable'), false);
  });

  it('recognises approval file paths', () => {
    assert.ok(isPrrApprovalPath(PRR));
    assert.ok(isPrrApprovalPath('/x/keps/prod-readiness/template/nnnn.yaml'));
    assert.ok(!isPrrApprovalPath(KEP_YAML));
    assert.ok(!isPrrApprovalPath('/x/keps/prod-readiness/README.md'));
  });
});

describe('workspace facts', () => {
  it('finds the enhancements root and the KEP folder', () => {
    assert.deepEqual(enhancementsLocation('/a/b/keps/sig-node/1-x/kep.yaml'), { root: '/a/b', segments: ['sig-node', '1-x', 'kep.yaml'] });
    assert.equal(enhancementsLocation('/a/b/kep.yaml'), undefined);
    assert.deepEqual(kepFolder('/r/keps/sig-cluster-lifecycle/kubeadm/970-config/kep.yaml'), {
      group: 'sig-cluster-lifecycle',
      name: '970-config',
      number: '970',
      isTemplate: false,
    });
    assert.equal(kepFolder('/r/keps/NNNN-kep-template/kep.yaml').isTemplate, true);
  });

  it('parses OWNERS_ALIASES', () => {
    const aliases = parseOwnersAliases(ALIASES);
    assert.deepEqual(aliases.get('prod-readiness-approvers'), ['johnbelamaric', 'newcomer']);
    assert.equal(parseOwnersAliases('not: [yaml').size, 0);
  });

  it('adds the PRR approvers of the nearest OWNERS_ALIASES that has them to the bundled ones', () => {
    const ws = new InMemoryWorkspace().set('/ws/OWNERS_ALIASES', ALIASES).set('/ws/keps/OWNERS_ALIASES', 'aliases:\n  other: [x]\n');
    const approvers = workspaceFacts('/ws/keps/sig-node/1-x/kep.yaml', ws).prrApprovers();
    assert.equal(approvers.ownersAliasesPath, '/ws/OWNERS_ALIASES');
    for (const name of ['newcomer', 'ehashman', 'deads2k', 'wojtek-t']) assert.ok(approvers.names.has(name), name);
    assert.ok(!approvers.names.has('x'));
    const bundledOnly = workspaceFacts('/elsewhere/kep.yaml', new InMemoryWorkspace()).prrApprovers();
    assert.equal(bundledOnly.ownersAliasesPath, undefined);
    assert.ok(bundledOnly.names.has('johnbelamaric'));
  });

  it('knows the bundled groups, the KEP own folder, and listed keps/ folders', () => {
    const ws = new ListingWorkspace().set('/ws/keps/wg-new-group/1-x/kep.yaml', '').set('/ws/keps/prod-readiness/sig-node/1.yaml', '');
    const facts = workspaceFacts('/ws/keps/sig-fresh/2-y/kep.yaml', ws);
    assert.ok(facts.isKnownGroup('sig-node'));
    assert.ok(facts.isKnownGroup('wg-batch'));
    assert.ok(facts.isKnownGroup('wg-new-group'));
    assert.ok(facts.isKnownGroup('sig-fresh'));
    assert.ok(!facts.isKnownGroup('prod-readiness'));
    assert.ok(!facts.isKnownGroup('sig-nope'));
    assert.equal(facts.groups().length >= 37, true);
  });
});

describe('README title', () => {
  it('takes the first heading outside comments and fences', () => {
    assert.deepEqual(readmeTitleOf('<!--\n# KEP-1: not this\n-->\n```\n# KEP-2\n```\n# KEP-1234: Title\n'), { number: '1234', line: 6 });
    assert.deepEqual(readmeTitleOf('# [KEP-4815](https://x/4815): DRA\n'), { number: '4815', line: 0 });
    assert.equal(readmeTitleOf('# Some title\n# KEP-1: later\n'), undefined);
    assert.equal(readmeTitleOf(''), undefined);
  });
});
