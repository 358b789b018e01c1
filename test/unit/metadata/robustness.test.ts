// Bad input never makes the metadata analysis throw.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeKepYaml, analyzePrrApproval } from '../../../server/src/core/features/metadataAnalysis';
import { GOOD_KEP, KEP_YAML, PRR, workspace } from './support';

function both(text: string): number {
  const ws = workspace({ kepYaml: text, prr: text });
  return analyzeKepYaml(KEP_YAML, text, ws, { rules: {} }).length + analyzePrrApproval(PRR, text, ws, { rules: {} }).length;
}

describe('metadata analysis on bad input', () => {
  it('survives a billion-laughs alias bomb without expanding it', () => {
    let text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i < 30; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    text += 'authors: *a29\ntitle: *a29\nfeature-gates: *a29\n';
    // Expanded, it would be 9^30 values: the test would never end (mocha's time-out is the guard).
    assert.ok(both(text) > 0);
  });

  it('survives self-referencing and undefined aliases', () => {
    both('authors: &x [*x, *x]\nmilestone: &m {alpha: *m}\ntitle: *nowhere\n');
  });

  it('survives a 5 MB file', function () {
    const big = GOOD_KEP + 'metrics:\n' + '  - some_metric_name_that_is_long_enough\n'.repeat(130_000);
    assert.ok(big.length > 5_000_000);
    assert.ok(both(big) > 0);
    const junk = 'x'.repeat(5_000_000);
    both(junk);
  });

  it('survives binary content', () => {
    const bytes = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    both(bytes);
    both('\u0000\u0001\u0002title: \uFFFE\uD800\n');
  });

  it('survives deep nesting', function () {
    both('title: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
    both('title:\n' + Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i + 2) + `k${i}:`).join('\n') + '\n');
  });

  it('reports every field with the wrong shape, without throwing', () => {
    const wrong = [
      'title: [a, b]',
      'kep-number: {a: 1}',
      'authors: alice',
      'owning-sig: [sig-node]',
      'participating-sigs: sig-node',
      'reviewers: {a: b}',
      'approvers: 1',
      'editor: [x]',
      'creation-date: [2020]',
      'last-updated: {}',
      'status: [implementable]',
      'see-also: x',
      'replaces: 3',
      'superseded-by: {a: b}',
      'stage: {alpha: true}',
      'latest-milestone: [v1.2]',
      'milestone: [v1.2]',
      'feature-gates: {name: X}',
      'disable-supported: [true]',
      'metrics: metric',
    ].join('\n');
    const findings = analyzeKepYaml(KEP_YAML, wrong, workspace({ kepYaml: wrong }), { rules: {} });
    assert.equal(findings.filter((f) => f.rule === 'field-type').length, 20);
    const nested = 'milestone:\n  alpha: [x]\nfeature-gates:\n  - name: [x]\n    components: kubelet\n  - 3\n  - [a]\n';
    both(nested);
    both('kep-number: [1]\nalpha: x\nbeta:\n  approver: {a: b}\nstable: [1]\n');
    both('- a\n- b\n');
    both('just text');
    both('42');
  });

  it('never throws on random text mixed with YAML and kep.yaml syntax', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\n',
        '\r\n',
        '  ',
        '- ',
        ': ',
        '"',
        "'",
        '#',
        '&a ',
        '*a',
        '!!str ',
        '!!bool ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '|\n',
        '>\n',
        '---\n',
        '...\n',
        '@',
        '~',
        'title',
        'kep-number: 1234',
        'status: implementable',
        'status: implemented',
        'stage: beta',
        'latest-milestone: "v1.30"',
        'latest-milestone: 1.20',
        'owning-sig: sig-node',
        'milestone:',
        '  beta: "v1.31"',
        'feature-gates:',
        '  - name: X',
        '    components:',
        'authors:',
        'approvers:',
        '  - TBD',
        'alpha:',
        '  approver: "@x"',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        both(pieces.join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('parses every mutation of a good file with ranges inside the text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: GOOD_KEP.length }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 8 }), (at, del, ins) => {
        const text = GOOD_KEP.slice(0, at) + ins + GOOD_KEP.slice(at + del);
        const ws = workspace({ kepYaml: text });
        const lines = text.split(/\r\n|\r|\n/);
        for (const f of analyzeKepYaml(KEP_YAML, text, ws, { rules: {} })) {
          for (const p of [f.range.start, f.range.end]) {
            assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} of ${lines.length}`);
            assert.ok(p.character >= 0 && p.character <= lines[p.line].length);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
