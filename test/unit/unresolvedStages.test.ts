// Issue 12, class 9: "<<[UNRESOLVED beta]>> Fill out when targeting beta" in an alpha KEP defers a
// section to a later stage, as the process allows: it is not open debate, and the KEP is not told
// to move back to provisional over it. A stray closer names the mistyped opener above it.
import assert from 'node:assert/strict';
import { deferredStage } from '../../server/src/core/rules/unresolved';
import { byRule, GOOD_KEP, lint } from './support/kepFixture';
import { describeWithSample } from './support/sample';
import { brief, lintSampleFile } from './support/sampleLint';

const CLOSE = '<<[/UNRESOLVED]>>';

function kepWith(block: string): string {
  const out = GOOD_KEP.replace('Details.', block);
  assert.notEqual(out, GOOD_KEP);
  return out;
}

function unresolvedIn(block: string, status: string, stage?: string): ReturnType<typeof byRule> {
  const kepYaml = `status: ${status}\n${stage ? `stage: ${stage}\n` : ''}`;
  return byRule(lint(kepWith(block), { kepYaml }), 'unresolved');
}

const deferral = (stage: string): string => `<<[UNRESOLVED ${stage}]>>\nFill out when targeting ${stage}.\n${CLOSE}`;
const debate = `<<[UNRESOLVED @alice: which default? ]>>\nDetails.\n${CLOSE}`;

describe('UNRESOLVED blocks deferred to a later stage', () => {
  it('reads the stage a block is deferred to from its context', () => {
    assert.equal(deferredStage('<<[UNRESOLVED beta]>>'), 'beta');
    assert.equal(deferredStage('<<[UNRESOLVED Beta ]>>'), 'beta');
    assert.equal(deferredStage('<<[UNRESOLVED for GA]>>'), 'ga');
    assert.equal(deferredStage('<<[UNRESOLVED stable graduation]>>'), 'stable');
    assert.equal(deferredStage('<<[UNRESOLVED @alice: which default? ]>>'), undefined);
    assert.equal(deferredStage('<<[UNRESOLVED should this go beta or stable first]>>'), undefined);
  });

  it('does not warn about a block for a later stage in an implementable alpha KEP', () => {
    assert.deepEqual(unresolvedIn(deferral('beta'), 'implementable', 'alpha'), []);
    assert.deepEqual(unresolvedIn(deferral('stable'), 'implementable', 'alpha'), []);
    assert.deepEqual(unresolvedIn(deferral('GA'), 'implementable', 'beta'), []);
    assert.deepEqual(unresolvedIn(deferral('alpha'), 'implementable'), []);
  });

  it('still warns about a block for the current or an earlier stage, and about real debate beside a deferral', () => {
    for (const [block, stage] of [
      [deferral('beta'), 'beta'],
      [deferral('alpha'), 'beta'],
      [deferral('stable'), 'stable'],
      [deferral('beta'), 'deprecated'],
    ]) {
      const findings = unresolvedIn(block, 'implementable', stage);
      assert.deepEqual(
        findings.map((f) => f.severity),
        ['warning'],
        `${block} at ${stage}`,
      );
    }
    const both = unresolvedIn(`${deferral('beta')}\n\n${debate}`, 'implementable', 'alpha');
    assert.equal(both.length, 1);
    assert.match(both[0].message, /^This KEP is 'implementable' in kep\.yaml but still has an UNRESOLVED block/);
  });

  it('never asks to move the KEP back to provisional over a deferral', () => {
    for (const stage of ['alpha', 'beta']) {
      const findings = unresolvedIn(deferral('stable'), 'implementable', stage);
      assert.ok(
        findings.every((f) => !/provisional/.test(f.message)),
        stage,
      );
    }
  });
});

describe('a closer with no opener', () => {
  it('names the mistyped opener just above it and how to write it', () => {
    for (const [opener, fixed] of [
      ['<<[UNRESOLVED beta>>', '<<[UNRESOLVED beta]>>'],
      ['<<UNRESOLVED beta]>>', '<<[UNRESOLVED beta]>>'],
      ['<[UNRESOLVED]>', '<<[UNRESOLVED]>>'],
    ]) {
      const text = kepWith(`${opener}\nFill out when targeting beta.\n${CLOSE}`);
      const findings = byRule(lint(text), 'unresolved');
      assert.equal(findings.length, 1, opener);
      const openerLine = text.split('\n').indexOf(opener) + 1;
      assert.equal(findings[0].severity, 'error');
      assert.equal(findings[0].message, `'${CLOSE}' closes nothing: its opener on line ${openerLine}, '${opener}', is mistyped. Write it as '${fixed}'.`);
    }
  });

  it('keeps the plain message when nothing above looks like an opener, or the opener is in a comment', () => {
    for (const block of [`Details.\n\n${CLOSE}`, `<!-- <<[UNRESOLVED beta>> -->\nDetails.\n${CLOSE}`, `${debate}\n\nMore.\n${CLOSE}`]) {
      const [finding, ...rest] = byRule(lint(kepWith(block)), 'unresolved');
      assert.equal(rest.length, 0, block);
      assert.equal(finding.message, "'<<[/UNRESOLVED]>>' closes nothing: remove it or add the opening '<<[UNRESOLVED …]>>'.");
    }
  });
});

describeWithSample('UNRESOLVED blocks in the sample', () => {
  it('3805-ssa-default (implementable, alpha): its live debates are still reported', async () => {
    const findings = await lintSampleFile('keps/sig-cli/3805-ssa-default/README.md');
    assert.deepEqual(brief(byRule(findings, 'unresolved')), [
      '152 unresolved warning',
      '166 unresolved warning',
      '172 unresolved warning',
      '262 unresolved warning',
      '443 unresolved warning',
      '457 unresolved warning',
    ]);
  });
});
