// Run by harness.test.ts in a mocha of its own, with KEP_SAMPLE pointing nowhere: tests that read
// the sample are skipped, the others run.
import assert from 'node:assert/strict';
import { describeWithSample, sampleReadmes } from '../../unit/support/sample';

describeWithSample('a test that reads the sample', () => {
  it('finds READMEs in it', () => {
    assert.ok(sampleReadmes().length > 0);
  });
});

it('a test that does not read the sample', () => {
  assert.equal(sampleReadmes().length, 0);
});
