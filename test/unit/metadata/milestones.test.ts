import assert from 'node:assert/strict';
import {
  compareMilestones,
  compareSemver,
  formatMilestone,
  isLegacyMilestone,
  parseMilestone,
  parseMilestoneLoose,
  parseSemverTolerant,
  prrRequirement,
} from '../../../server/src/core/kep/milestones';

describe('milestones', () => {
  it('parses the process form v1.NN only', () => {
    assert.deepEqual(parseMilestone('v1.34'), { major: 1, minor: 34 });
    assert.equal(parseMilestone('1.34'), undefined);
    assert.equal(parseMilestone('v1.34.0'), undefined);
    assert.equal(parseMilestone('0.0'), undefined);
  });

  it('reads near misses loosely, but not the legacy 0.0', () => {
    assert.deepEqual(parseMilestoneLoose('1.20'), { major: 1, minor: 20 });
    assert.deepEqual(parseMilestoneLoose('v1.20.0'), { major: 1, minor: 20 });
    assert.equal(parseMilestoneLoose('0.0'), undefined);
    assert.equal(parseMilestoneLoose('never'), undefined);
    assert.equal(formatMilestone({ major: 1, minor: 20 }), 'v1.20');
    assert.ok(isLegacyMilestone('0.0'));
  });

  it('compares numerically, so v1.9 < v1.10', () => {
    assert.ok(compareMilestones(parseMilestone('v1.9')!, parseMilestone('v1.10')!) < 0);
    assert.equal(compareMilestones(parseMilestone('v1.21')!, parseMilestoneLoose('1.21')!), 0);
  });

  it("reads latest-milestone as upstream's tolerant semver does", () => {
    assert.deepEqual(parseSemverTolerant('v1.21'), { major: 1, minor: 21, patch: 0, prerelease: [] });
    assert.deepEqual(parseSemverTolerant(' 1.021 '), { major: 1, minor: 21, patch: 0, prerelease: [] });
    assert.deepEqual(parseSemverTolerant('0.0'), { major: 0, minor: 0, patch: 0, prerelease: [] });
    assert.deepEqual(parseSemverTolerant('v1.22.0-alpha.1'), { major: 1, minor: 22, patch: 0, prerelease: ['alpha', '1'] });
    for (const bad of ['', 'never', 'v1.x', 'v1.21-beta', 'TBD', '1..2']) assert.equal(parseSemverTolerant(bad), undefined, bad);
  });

  it('orders pre-releases before the release', () => {
    assert.ok(compareSemver(parseSemverTolerant('1.21.0-rc.1')!, parseSemverTolerant('1.21')!) < 0);
    assert.ok(compareSemver(parseSemverTolerant('1.21.0-alpha')!, parseSemverTolerant('1.21.0-beta')!) < 0);
  });

  it('requires the PRR approval from v1.21 on; 0.0 and older releases are exempt', () => {
    assert.equal(prrRequirement('v1.21'), 'required');
    assert.equal(prrRequirement('1.30'), 'required');
    assert.equal(prrRequirement('v1.20'), 'exempt');
    assert.equal(prrRequirement('0.0'), 'exempt');
    assert.equal(prrRequirement('v1.21.0-rc.0'), 'exempt');
    assert.equal(prrRequirement('never'), 'unreadable');
  });
});
