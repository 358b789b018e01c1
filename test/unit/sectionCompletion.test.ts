import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/model/markdownIndex';
import { KepAnalyzer } from '../../server/src/service/analysis';
import { completeSectionHeading } from '../../server/src/service/sectionCompletion';
import { GOOD_KEP, README, workspace } from './support/kepFixture';

function complete(text: string, marker = '|'): string[] {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  const character = lines[line].indexOf(marker);
  const clean = text.replace(marker, '');
  const ctx = new KepAnalyzer(workspace(clean)).context(README, MarkdownIndex.fromText(clean));
  return completeSectionHeading(ctx, line, character).map((e) => e.label);
}

describe('README completion of template headings', () => {
  const withoutRisks = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '');

  it('offers the sections missing at that point, in template order', () => {
    assert.deepEqual(complete(withoutRisks.replace('The proposal.\n', 'The proposal.\n\n###|\n')), [
      '### User Stories (Optional)',
      '### Risks and Mitigations',
    ]);
  });

  it('offers nothing that belongs elsewhere', () => {
    assert.deepEqual(complete(withoutRisks.replace('A summary.\n', 'A summary.\n\n#|\n')), []);
  });

  it('offers a missing top-level section between its present neighbours', () => {
    const noDrawbacks = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
    assert.deepEqual(complete(noDrawbacks.replace('Details.', 'Details.\n\n#|')), ['## Drawbacks']);
  });

  it('stays quiet when the line is not a heading being typed', () => {
    assert.deepEqual(complete(withoutRisks.replace('The proposal.', 'The # proposal|.')), []);
  });
});
