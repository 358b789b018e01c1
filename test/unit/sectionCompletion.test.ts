import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { completeChecklistItem, completeSectionHeading } from '../../server/src/core/features/sectionCompletion';
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

describe('README completion of checklist items', () => {
  const template = (items: string) =>
    `# KEP-NNNN: Your short, descriptive title\n\n<!-- toc -->\n<!-- /toc -->\n\n## Release Signoff Checklist\n\n<!--\n- [ ] Not an item: inside a comment\n-->\n\n${items}\n\n## Summary\n`;
  const items = '- [ ] (R) Design details are documented\n- [ ] (R) Test plan is in place\n  - [ ] e2e tests for beta\n- [ ] User docs written';

  function completeIn(kep: string): string[] {
    const lines = kep.split('\n');
    const line = lines.findIndex((l) => l.includes('|'));
    const clean = kep.replace('|', '');
    const ws = workspace(clean, { template: template(items) });
    const ctx = new KepAnalyzer(ws).context(README, MarkdownIndex.fromText(clean));
    return completeChecklistItem(ctx, line, lines[line].indexOf('|')).map((e) => e.insertText);
  }

  it("offers the template's items the KEP's checklist lacks, ticked or not", () => {
    const kep = `# KEP-1234: Demo\n\n<!-- toc -->\n- [Release Signoff Checklist](#release-signoff-checklist)\n- [Summary](#summary)\n<!-- /toc -->\n\n## Release Signoff Checklist\n\n- [x] (R) Design details are documented\n- |\n\n## Summary\n\nText.\n`;
    assert.deepEqual(completeIn(kep), ['- [ ] (R) Test plan is in place', '  - [ ] e2e tests for beta', '- [ ] User docs written']);
  });

  it('offers nothing outside the checklist', () => {
    const kep = `# KEP-1234: Demo\n\n## Release Signoff Checklist\n\n- [ ] User docs written\n\n## Summary\n\n- |\n`;
    assert.deepEqual(completeIn(kep), []);
  });
});
