import * as assert from 'node:assert';
import { BUNDLED_TEMPLATE_HEADINGS } from '../../server/src/core/kep/bundledTemplate';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { LABEL_HELP, sectionHelp } from '../../server/src/core/kep/sectionHelp';
import { sectionKey } from '../../server/src/core/markdown/sectionKey';
import { TEMPLATE_LABELS } from '../../server/src/core/markdown/bodyFacts';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { hoverReadme } from '../../server/src/core/features/readmeHover';
import { GOOD_KEP, README, workspace, type FixtureOptions } from './support/kepFixture';

const Q_ENABLE = 'How can this feature be enabled / disabled in a live cluster?';
const Q_SLO = 'What are the reasonable SLOs (Service Level Objectives) for the enhancement?';

const PRR_KEP = `# KEP-1234: Demo feature

## Summary

A summary.

## Production Readiness Review Questionnaire

### Feature Enablement and Rollback

###### ${Q_ENABLE}

- [x] Feature gate
  - Feature gate name: DemoFeature
  - Components depending on the feature gate: kubelet

### Monitoring Requirements

###### ${Q_SLO}

## Implementation History
`;

function yaml(status: string, stage?: string): string {
  return `title: Demo feature
kep-number: "1234"
authors:
  - "@alice"
owning-sig: sig-test
status: ${status}
creation-date: 2026-01-15
${stage ? `stage: ${stage}\nlatest-milestone: "v1.30"\n` : ''}reviewers:
  - "@bob"
approvers:
  - "@carol"
`;
}

function hover(text: string, line: number, character: number, options: FixtureOptions = {}, documentUri?: string) {
  const ctx = new KepAnalyzer(workspace(text, options)).context(README, MarkdownIndex.fromText(text));
  return hoverReadme(ctx, line, character, documentUri);
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i;
}

describe('readme hover', () => {
  it('shows help and the stage requirement on a PRR question of a beta KEP', () => {
    const h = hover(PRR_KEP, lineOf(PRR_KEP, Q_SLO), 8, { template: null, kepYaml: yaml('implementable', 'beta') });
    assert.ok(h);
    assert.match(h.markdown, /A good answer:/);
    assert.match(h.markdown, /Reviewers often push back on:/);
    assert.match(h.markdown, /\*\*Required\*\* at the KEP's current stage \(beta\)/);
    assert.match(h.markdown, /State: empty/);
    assert.match(h.markdown, new RegExp(`Line ${lineOf(PRR_KEP, Q_SLO) + 1}`));
    assert.doesNotMatch(h.markdown, /From the template:/);
  });

  it('says "not required yet" for a provisional KEP, and "from beta on" at alpha', () => {
    const line = lineOf(PRR_KEP, Q_SLO);
    const prov = hover(PRR_KEP, line, 8, { template: null });
    assert.ok(prov);
    assert.match(prov.markdown, /Not required yet .*required from beta on/);
    const alpha = hover(PRR_KEP, line, 8, { template: null, kepYaml: yaml('implementable', 'alpha') });
    assert.ok(alpha);
    assert.match(alpha.markdown, /Not required at the KEP's current stage \(alpha\); required from beta on/);
    const enable = hover(PRR_KEP, lineOf(PRR_KEP, Q_ENABLE), 8, { template: null, kepYaml: yaml('implementable', 'alpha') });
    assert.ok(enable);
    assert.match(enable.markdown, /\*\*Required\*\* at the KEP's current stage \(alpha\)/);
    assert.match(enable.markdown, /State: filled/);
  });

  it('shows help and state on an ordinary section, with no stage line', () => {
    const h = hover(GOOD_KEP, lineOf(GOOD_KEP, '## Motivation'), 3);
    assert.ok(h);
    assert.match(h.markdown, /Explains why the change is needed/);
    assert.match(h.markdown, /State: filled \(sub-sections filled: 2 of 2\)/);
    assert.doesNotMatch(h.markdown, /Required|required from/);
    assert.strictEqual(h.range.startLine, lineOf(GOOD_KEP, '## Motivation'));
  });

  it('quotes the workspace template guidance, escaped', () => {
    const template = `# KEP-NNNN: Title\n\n## Summary\n\n<!--\nWrite a *short* summary [here](x) <b>.\n-->\n\n## Drawbacks\n`;
    const text = `# KEP-1234: Demo\n\n## Summary\n\nA summary.\n\n## Drawbacks\n\nNone.\n`;
    const h = hover(text, 2, 3, { template });
    assert.ok(h);
    assert.match(h.markdown, /From the template:\n\n> /);
    assert.doesNotMatch(h.markdown, /!\\-\\-/);
    assert.ok(h.markdown.includes('\\*short\\* summary \\[here\\]\\(x\\) \\<b\\>'), h.markdown);
    const bundled = hover(text, 2, 3, { template: null });
    assert.ok(bundled);
    assert.doesNotMatch(bundled.markdown, /From the template:/);
  });

  it('explains a labelled bullet label', () => {
    const line = lineOf(PRR_KEP, 'Feature gate name:');
    const h = hover(PRR_KEP, line, 6, { template: null });
    assert.ok(h);
    assert.match(h.markdown, /feature-gates in kep\.yaml/);
    assert.strictEqual(h.range.startCharacter, PRR_KEP.split('\n')[line].indexOf('Feature gate name:'));
  });

  it('explains UNRESOLVED markers, with their partner or without one', () => {
    const text = `# KEP-1234: Demo\n\n## Summary\n\n<<[UNRESOLVED @alice ]>>\nDisputed.\n<<[/UNRESOLVED]>>\n\n## Drawbacks\n\n<<[UNRESOLVED lonely ]>>\n`;
    const open = hover(text, 4, 3, { kepYaml: yaml('implementable') });
    assert.ok(open);
    assert.match(open.markdown, /Start of an UNRESOLVED block/);
    assert.match(open.markdown, /closing marker is on line 7/);
    assert.match(open.markdown, /implementable: .*problem/);
    const close = hover(text, 6, 3);
    assert.ok(close);
    assert.match(close.markdown, /opening marker is on line 5/);
    assert.match(close.markdown, /provisional/);
    const lonely = hover(text, 10, 3);
    assert.ok(lonely);
    assert.match(lonely.markdown, /no closing marker/);
  });

  it('resolves TOC entries to headings, or reports a missing anchor', () => {
    const ok = hover(GOOD_KEP, lineOf(GOOD_KEP, '[Goals](#goals)'), 6);
    assert.ok(ok);
    assert.match(ok.markdown, new RegExp(`\`Goals\` on line ${lineOf(GOOD_KEP, '### Goals') + 1}`));
    const broken = GOOD_KEP.replace('[Goals](#goals)', '[Goals](#gaols)');
    const missing = hover(broken, lineOf(broken, '#gaols'), 6);
    assert.ok(missing);
    assert.match(missing.markdown, /No heading of this document has the anchor `#gaols`/);
  });

  it('escapes document text and gives no hover elsewhere', () => {
    const text = `# KEP-1234: Demo\n\n## Summary\n\nA summary.\n\n<<[UNRESOLVED x ]>>\n`;
    const h = hover(text, 6, 3, { kepYaml: yaml('<b>*odd*</b>') });
    assert.ok(h);
    assert.ok(h.markdown.includes('\\<b\\>\\*odd\\*\\</b\\>'), h.markdown);
    assert.doesNotMatch(h.markdown, /<b>/);
    assert.strictEqual(hover(text, 4, 2), undefined);
  });

  it('has full help for every PRR question and section, and for every template section and label', () => {
    const prrIndex = BUNDLED_TEMPLATE_HEADINGS.findIndex(([, t]) => t === 'Production Readiness Review Questionnaire');
    const after = BUNDLED_TEMPLATE_HEADINGS.slice(prrIndex + 1);
    const end = after.findIndex(([level]) => level <= 2);
    const prr = after.slice(0, end);
    const questions = prr.filter(([level]) => level === 6);
    const sections = [BUNDLED_TEMPLATE_HEADINGS[prrIndex], ...prr.filter(([level]) => level === 3)];
    assert.strictEqual(questions.length, 25);
    assert.strictEqual(sections.length, 7);
    for (const [, title] of [...questions, ...sections]) {
      const help = sectionHelp(sectionKey(title));
      assert.ok(help, title);
      assert.ok(help.purpose.length > 0, title);
      assert.ok(help.goodAnswer.length >= 1 && help.goodAnswer.length <= 3, title);
      assert.ok(help.pushback && help.pushback.length >= 1 && help.pushback.length <= 2, title);
    }
    for (const [level, title] of BUNDLED_TEMPLATE_HEADINGS) {
      if (level === 1 || /^Story \d/.test(title)) continue;
      assert.ok(sectionHelp(sectionKey(title)), title);
    }
    for (const label of TEMPLATE_LABELS) assert.ok(LABEL_HELP[label], label);
  });

  it('links line references to the document when it knows its URI', () => {
    const text = GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>');
    const at = lineOf(text, '<<[UNRESOLVED]>>');
    const linked = hover(text, at, 3, {}, 'file:///ws/README.md');
    assert.ok(linked?.markdown.includes(`[line ${at + 3}](file:///ws/README.md#L${at + 3})`), linked?.markdown);
    assert.ok(!hover(text, at, 3)?.markdown.includes('](file:'));
  });
});
