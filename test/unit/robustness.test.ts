import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { foldingRanges } from '../../server/src/core/features/folding';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { GOOD_KEP, README, workspace } from './support/kepFixture';

function everything(text: string): number {
  const ws = workspace(text);
  const analyzer = new KepAnalyzer(ws);
  const index = MarkdownIndex.fromText(text);
  const ctx = analyzer.context(README, index);
  return analyzer.analyze(README, index).length + foldingRanges(ctx).length + documentSymbols(ctx).length;
}

describe('bad input', () => {
  it('never throws on random text mixed with Markdown syntax', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\n',
        '\r\n',
        '\r',
        '```',
        '~~~',
        '<!--',
        '-->',
        '## ',
        '###### ',
        '===',
        '---',
        '- ',
        '> ',
        '<<[UNRESOLVED]>>',
        '<<[/UNRESOLVED]>>',
        '<!-- toc -->',
        '<!-- /toc -->',
        '\uFEFF',
        '\t',
        '<details>',
        '[x]: y',
        '`',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        everything(pieces.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on binary garbage', () => {
    const bytes = Buffer.alloc(64 * 1024);
    let s = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = s = (s * 1103515245 + 12345) & 0xff;
    assert.ok(everything(bytes.toString('utf8')) >= 0);
    assert.ok(everything(bytes.toString('latin1')) >= 0);
  });

  it('survives an unterminated fence and an unterminated comment at the top', () => {
    assert.ok(everything('```\n' + GOOD_KEP) >= 0);
    assert.ok(everything('<!--\n' + GOOD_KEP) >= 0);
  });

  it('gives the same findings for CRLF and a BOM as for plain LF', () => {
    const summary = (text: string) => {
      const ws = workspace(text);
      return new KepAnalyzer(ws).analyze(README, MarkdownIndex.fromText(text)).map((f) => `${f.rule}@${f.range.start.line}: ${f.message}`);
    };
    const broken = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '').replace('Details.', '- Feature gate name:\n');
    const lf = summary(broken);
    assert.ok(lf.length >= 2);
    assert.deepEqual(summary(broken.replace(/\n/g, '\r\n')), lf);
    assert.deepEqual(summary('\uFEFF' + broken), lf);
  });
});
