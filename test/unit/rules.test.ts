import assert from 'node:assert/strict';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import type { Finding } from '../../server/src/core/rules/rule';
import { aliasKey } from '../../server/src/core/kep/sectionAliases';
import { sectionKey } from '../../server/src/core/markdown/sectionKey';
import { byRule, GOOD_KEP, GOOD_TOC, lint, README, TEMPLATE_TEXT, workspace } from './support/kepFixture';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeWithSample, SAMPLE } from './support/sample';
import { WorkspaceSnapshot } from '../../server/src/core/workspace/snapshot';
import { settle } from '../../server/src/core/workspace/settle';
import { NodeFileSource, toCorePath } from '../../server/src/node/fileSource';

describe('rules on a KEP that follows the template', () => {
  it('reports nothing', () => {
    assert.deepEqual(
      lint(GOOD_KEP).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});

describe('the section tree across edits', () => {
  it('is kept while the headings stay, and rebuilt when one changes or the last section grows', () => {
    const index = MarkdownIndex.fromText(GOOD_KEP);
    const analyzer = new KepAnalyzer(workspace(GOOD_KEP));
    const first = analyzer.context(README, index).tree;
    const summary = index.lines().indexOf('A summary.');
    index.applyEdit({ startLine: summary, startCharacter: 0, endLine: summary, endCharacter: 0, text: 'Typing. ' });
    assert.equal(analyzer.context(README, index).tree, first, 'typing in a paragraph keeps the tree');
    const heading = index.lines().indexOf('## Summary');
    index.applyEdit({ startLine: heading, startCharacter: 10, endLine: heading, endCharacter: 10, text: 'x' });
    const renamed = analyzer.context(README, index).tree;
    assert.notEqual(renamed, first);
    assert.ok(renamed.sections.some((s) => s.title === 'Summaryx'));
    const end = index.lineCount - 1;
    index.applyEdit({ startLine: end, startCharacter: index.line(end).length, endLine: end, endCharacter: index.line(end).length, text: '\nOne more line.' });
    const grown = analyzer.context(README, index).tree;
    assert.equal(grown.lineCount, index.lineCount);
    assert.equal(grown.sections.at(-1)!.bodyEnd, index.lineCount);
  });
});

describe('missing-section', () => {
  it('names the section and its parent, on the line where it belongs', () => {
    const kep = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '');
    const [finding, ...rest] = byRule(lint(kep), 'missing-section');
    assert.equal(rest.length, 0);
    assert.equal(finding.message, "Missing '### Risks and Mitigations' under '## Proposal'. Add it here, in template order.");
    assert.equal(finding.severity, 'warning');
    const lines = kep.split('\n');
    assert.equal(lines[finding.range.start.line], '## Design Details');
  });

  it('reports a missing branch once, with the count of its sub-sections', () => {
    const kep = GOOD_KEP.replace(/## Motivation[\s\S]*?(?=## Proposal)/, '');
    const findings = byRule(lint(kep), 'missing-section');
    assert.deepEqual(
      findings.map((f) => f.message),
      ["Missing '## Motivation' (and its 2 sub-sections). Add it here, in template order."],
    );
  });

  it('counts only the sub-sections that are missing when some stand elsewhere, and never inserts those', () => {
    // Graduation Criteria written at level 2, without its parent (sample: provider-aws/2315).
    const kep = GOOD_KEP.replace('## Design Details\n\nDetails.\n\n', '### Graduation Criteria\n\nCriteria.\n\n');
    const template = TEMPLATE_TEXT.replace('## Design Details', '## Design Details\n\n### Test Plan\n\n### Graduation Criteria');
    const findings = byRule(lint(kep, { template }), 'missing-section');
    const line = kep.split('\n').indexOf('### Graduation Criteria') + 1;
    assert.deepEqual(
      findings.map((f) => f.message),
      [`Missing '## Design Details' (and 1 of its 2 sub-sections; 'Graduation Criteria' (line ${line}) stands elsewhere). Add it here, in template order.`],
    );
    const block = findings[0].fix!.changes[0].newText;
    assert.equal(block, '## Design Details\n\n### Test Plan\n\n');
    // The true case beside it: with nothing elsewhere, the whole branch is missing and inserted.
    const none = GOOD_KEP.replace('## Design Details\n\nDetails.\n\n', '');
    const [whole] = byRule(lint(none, { template }), 'missing-section');
    assert.equal(whole.message, "Missing '## Design Details' (and its 2 sub-sections). Add it here, in template order.");
    assert.equal(whole.fix!.changes[0].newText, '## Design Details\n\n### Test Plan\n\n### Graduation Criteria\n\n');
  });

  it('never reports optional sections', () => {
    assert.ok(!lint(GOOD_KEP).some((f) => f.message.includes('User Stories')));
  });

  it('is information, not a warning, for an implemented KEP', () => {
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
    const [finding] = byRule(lint(kep, { kepYaml: 'status: implemented\n' }), 'missing-section');
    assert.equal(finding.severity, 'info');
  });

  it('uses the bundled template when the workspace has none', () => {
    const findings = byRule(lint(GOOD_KEP, { template: null }), 'missing-section');
    assert.ok(findings.some((f) => f.message.startsWith("Missing '## Release Signoff Checklist'")));
    assert.ok(findings.some((f) => f.message.startsWith("Missing '## Production Readiness Review Questionnaire' (and its 31 sub-sections)")));
  });
});

describe('empty-section', () => {
  it('warns about an empty section an approval waits on', () => {
    const kep = GOOD_KEP.replace('Risks.', '<!-- say something -->');
    const findings = byRule(lint(kep), 'empty-section');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /^'### Risks and Mitigations' is empty: .* Write the answer below the heading\.$/);
  });

  it('gives an empty Drawbacks (no approval waits on it) as information', () => {
    const kep = GOOD_KEP.replace('None.', '<!-- say something -->');
    const findings = byRule(lint(kep), 'empty-section');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
    assert.match(findings[0].message, /^'## Drawbacks' is empty/);
  });

  it('gives an empty optional section as a hint: answer it or remove the heading', () => {
    const kep = GOOD_KEP.replace('### Risks and Mitigations', '### User Stories (Optional)\n\n<!-- stories -->\n\n### Risks and Mitigations');
    const findings = byRule(lint(kep), 'empty-section');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'hint');
    assert.match(findings[0].message, /It is optional: answer it or remove the heading\.$/);
  });

  it('does not report a section with text', () => {
    assert.equal(byRule(lint(GOOD_KEP), 'empty-section').length, 0);
  });

  it('does not report a parent whose children hold the content', () => {
    const kep = GOOD_KEP.replace('## Motivation\n\nWhy.\n', '## Motivation\n');
    assert.equal(byRule(lint(kep), 'empty-section').length, 0);
  });
});

describe('section-order', () => {
  it('reports the section out of order and where it belongs', () => {
    const kep = GOOD_KEP.replace('## Design Details\n\nDetails.\n\n', '').replace('## Proposal', '## Design Details\n\nDetails.\n\n## Proposal');
    const findings = byRule(lint(kep), 'section-order');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^'## (Proposal|Design Details)' is out of template order: it belongs after/);
    assert.equal(findings[0].severity, 'warning', 'a top-level section out of order is worth a warning');
  });

  it('gives two sub-sections that trade places inside the right parent as information', () => {
    const kep = GOOD_KEP.replace('### Goals\n\nGoals.\n\n### Non-Goals\n\nNon-goals.\n', '### Non-Goals\n\nNon-goals.\n\n### Goals\n\nGoals.\n');
    const findings = byRule(lint(kep), 'section-order');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
  });

  it('warns about a sub-section that stands outside the section the template puts it in', () => {
    const kep = GOOD_KEP.replace('### Goals\n\nGoals.\n\n', '').replace('### Risks and Mitigations', '### Goals\n\nGoals.\n\n### Risks and Mitigations');
    const findings = byRule(lint(kep), 'section-order');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^'### Goals' is out of template order/);
    assert.equal(findings[0].severity, 'warning');
  });

  it('accepts the template order', () => {
    assert.equal(byRule(lint(GOOD_KEP), 'section-order').length, 0);
  });
});

describe('heading-wording', () => {
  it("takes an older template's '[optional]' heading for the section: one finding naming both, with a rename", () => {
    const kep = GOOD_KEP.replace('## Drawbacks', '## Drawbacks [optional]');
    const findings = lint(kep);
    assert.deepEqual(byRule(findings, 'missing-section'), []);
    const [finding] = byRule(findings, 'heading-wording');
    assert.equal(finding.severity, 'info');
    assert.match(finding.message, /^'Drawbacks \[optional\]' is the template's '## Drawbacks' in other words/);
    assert.equal(finding.fix?.title, "Rename to 'Drawbacks'");
    const line = kep.split('\n')[finding.range.start.line];
    const change = finding.fix!.changes[0];
    assert.equal(line.slice(0, change.range.start.character) + change.newText + line.slice(change.range.end.character), '## Drawbacks');
  });

  it('knows the common renamings, and nothing else', () => {
    assert.equal(aliasKey('Production Readiness Questionnaire'), sectionKey('Production Readiness Review Questionnaire'));
    assert.equal(aliasKey('End-to-End Tests'), sectionKey('e2e tests'));
    assert.equal(aliasKey('Downsides'), undefined);
  });

  it('still reports a section under words it does not know as missing', () => {
    const findings = lint(GOOD_KEP.replace('## Drawbacks', '## Downsides'));
    assert.deepEqual(byRule(findings, 'heading-wording'), []);
    assert.ok(byRule(findings, 'missing-section').some((f) => f.message.startsWith("Missing '## Drawbacks'")));
  });

  it('leaves the wording alone where the template wording is also there', () => {
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '## Drawbacks\n\nNone.\n\n### Drawbacks [optional]\n\nMore.\n');
    assert.deepEqual(byRule(lint(kep), 'heading-wording'), []);
  });
});

describe('heading-level', () => {
  it('reports a section moved out of its parent, and offers the template level', () => {
    const kep = GOOD_KEP.replace('### Goals', '## Goals');
    const [finding] = byRule(lint(kep), 'heading-level');
    assert.equal(finding.message, "'Goals' is a level 2 heading, which takes it out of 'Motivation'; the template has it at level 3: '### Goals'.");
    assert.equal(finding.fix?.changes[0].newText, '### ');
  });

  it('reports a top-level section that lands inside the section above it', () => {
    const kep = GOOD_KEP.replace('## Design Details', '### Design Details');
    const [finding] = byRule(lint(kep), 'heading-level');
    assert.equal(
      finding.message,
      "'Design Details' is a level 3 heading, which puts it inside the section above it; the template has it at level 2: '## Design Details'.",
    );
  });

  it('reports a section too deep for the table of contents', () => {
    const kep = GOOD_KEP.replace('### Goals', '###### Goals');
    const [finding] = byRule(lint(kep), 'heading-level');
    assert.match(finding.message, /^'Goals' is a level 6 heading, too deep for the table of contents/);
  });

  it('leaves alone a level that keeps the section where the template puts it', () => {
    assert.deepEqual(byRule(lint(GOOD_KEP.replace('### Goals', '#### Goals')), 'heading-level'), []);
  });
});

describeWithSample('heading-level and empty-section on sample KEPs', () => {
  // The sample's files as kep-lint reads them: the workspace template, the KEP's kep.yaml.
  const files = new WorkspaceSnapshot();
  const analyzer = new KepAnalyzer(files);
  const findingsOf = async (relative: string, rule = 'heading-level') => {
    const file = toCorePath(path.join(SAMPLE, relative));
    const text = readFileSync(file, 'utf8');
    return byRule((await settle(files, new NodeFileSource(), () => analyzer.analyzeText(file, text))) ?? [], rule);
  };
  const at = (findings: Finding[], line: number) => findings.filter((f) => f.range.start.line === line - 1).map((f) => f.severity);

  it("leaves 'Event Reason:' under an unticked option and 'Condition name:' beside a filled 'Other field:' alone (1965)", async () => {
    const findings = await findingsOf('keps/sig-api-machinery/1965-kube-apiserver-identity/README.md', 'placeholder');
    assert.deepEqual(at(findings, 257), []);
    assert.deepEqual(at(findings, 259), []);
  });

  it('says nothing of an untouched SLI question at alpha, which only beta asks (5381)', async () => {
    assert.deepEqual(at(await findingsOf('keps/sig-storage/5381-mutable-pv-affinity/README.md', 'placeholder'), 808), []);
  });

  it("still reports an empty 'Describe the mechanism:' under a ticked 'Other' (4191)", async () => {
    const findings = await findingsOf('keps/sig-node/4191-split-image-filesystem/README.md', 'placeholder');
    assert.deepEqual(at(findings, 702), ['warning']);
  });

  it("takes 'Drawbacks [optional]' in an older KEP for Drawbacks", async () => {
    const readme = 'keps/provider-aws/2315-aws-loadbalancer-prefix/README.md';
    assert.deepEqual(at(await findingsOf(readme, 'heading-wording'), 44), ['info']);
    assert.ok(!(await findingsOf(readme, 'missing-section')).some((f) => f.message.includes("'## Drawbacks'")));
  });

  it('weighs empty sections: optional a hint, Prerequisite testing updates information, Implementation History a warning', async () => {
    assert.deepEqual(at(await findingsOf('keps/sig-scheduling/5471-enable-sla-based-scheduling/README.md', 'empty-section'), 967), ['hint']);
    const leaderElection = await findingsOf('keps/sig-api-machinery/4355-coordinated-leader-election/README.md', 'empty-section');
    assert.deepEqual(at(leaderElection, 812), ['info']);
    assert.deepEqual(at(leaderElection, 1417), ['warning']);
  });

  it("accepts '#### Unit tests' under '### Test Plan' (the template skips level 4)", async () => {
    const findings = await findingsOf('keps/sig-node/5825-cri-pagination/README.md');
    assert.deepEqual(
      findings.map((f) => f.message),
      [],
    );
  });

  it("still reports 'Test Plan' written at level 2 (there is no 'Design Details' to hold it), not the test headings under it", async () => {
    const findings = await findingsOf('keps/sig-storage/121-local-persistent-volumes/README.md');
    assert.ok(findings.some((f) => /^'Test Plan' is a level 2 heading; the template has it at level 3/.test(f.message)));
    assert.ok(!findings.some((f) => f.message.startsWith("'E2E tests'")));
  });
});

describe('duplicate-section', () => {
  it('reports the second copy at the same level', () => {
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '## Drawbacks\n\nNone.\n\n## Drawbacks\n\nAgain.\n');
    const findings = byRule(lint(kep), 'duplicate-section');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^'Drawbacks' appears again; the template has it once \(first at line \d+\)/);
  });

  it('follows the first copy when an edit moves it', () => {
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '## Drawbacks\n\nNone.\n\n## Drawbacks\n\nAgain.\n');
    const index = MarkdownIndex.fromText(kep);
    const analyzer = new KepAnalyzer(workspace(kep));
    const before = byRule(analyzer.analyze(README, index), 'duplicate-section')[0]!;
    const line = index.lines().indexOf('## Drawbacks');
    index.applyEdit({ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0, text: 'One more line.\n\n' });
    const after = byRule(analyzer.analyze(README, index), 'duplicate-section')[0]!;
    assert.match(before.message, new RegExp(`first at line ${line + 1}\\)`));
    assert.match(after.message, new RegExp(`first at line ${line + 3}\\)`));
    assert.equal(after.range.start.line, before.range.start.line + 2);
  });

  it('reports a second KEP pasted under its own title once, on that title', () => {
    const second = GOOD_KEP.replace(/^# .*$/m, '# KEP-5678: Another');
    const third = GOOD_KEP.replace(/^# .*$/m, '# KEP-9012: A third');
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '## Drawbacks\n\nNone.\n\n## Drawbacks\n\nAgain.\n') + '\n' + second + '\n' + third;
    const lines = kep.split('\n');
    const findings = byRule(lint(kep), 'duplicate-section');
    // The copy above the second title is its own finding; each pasted KEP is one finding.
    assert.deepEqual(
      findings.map((f) => lines[f.range.start.line]),
      ['## Drawbacks', '# KEP-5678: Another', '# KEP-9012: A third'],
    );
    assert.match(findings[0].message, /^'Drawbacks' appears again/);
    const sectionsPerKep = byRule(lint(GOOD_KEP + '\n' + second), 'duplicate-section');
    assert.equal(sectionsPerKep.length, 1);
    assert.match(
      findings[1].message,
      /^A second KEP title \('KEP-5678: Another'\) at line \d+: \d+ template sections after it \(the first, '[^']+', at line \d+\) repeat ones above\. A README holds one KEP: move the second one to its own KEP folder/,
    );
  });

  it('leaves the same words at another level alone', () => {
    const kep = GOOD_KEP.replace('Details.', 'Details.\n\n#### Goals\n\nDesign goals.');
    assert.equal(byRule(lint(kep), 'duplicate-section').length, 0);
  });
});

describe('template-comment', () => {
  it('reports a verbatim guidance comment, re-wrapped, as an unnecessary hint', () => {
    const kep = GOOD_KEP.replace('A summary.', 'A summary.\n\n<!--\nWrite a one-paragraph\n   summary of the proposal.\n-->');
    const [finding, ...rest] = byRule(lint(kep), 'template-comment');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'hint');
    assert.equal(finding.unnecessary, true);
    assert.ok(finding.fix);
    assert.equal(finding.message, "Template guidance comment left in '## Summary': delete it once the section is written.");
  });

  it('names the section again after its heading changes', () => {
    const kep = GOOD_KEP.replace('A summary.', 'A summary.\n\n<!--\nWrite a one-paragraph summary of the proposal.\n-->');
    const index = MarkdownIndex.fromText(kep);
    const analyzer = new KepAnalyzer(workspace(kep));
    assert.match(byRule(analyzer.analyze(README, index), 'template-comment')[0]!.message, /in '## Summary'/);
    const line = index.lines().indexOf('## Summary');
    index.applyEdit({ startLine: line, startCharacter: 3, endLine: line, endCharacter: 10, text: 'Overview' });
    assert.match(byRule(analyzer.analyze(README, index), 'template-comment')[0]!.message, /in '## Overview'/);
  });

  it('ignores comments the author wrote', () => {
    const kep = GOOD_KEP.replace('A summary.', 'A summary.\n\n<!-- my own note -->');
    assert.equal(byRule(lint(kep), 'template-comment').length, 0);
  });

  it('sees the template opening comment before the title', () => {
    const kep = '<!--\nStart here. Remove every comment block once your KEP is complete.\n-->\n' + GOOD_KEP;
    const findings = byRule(lint(kep), 'template-comment');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /left above the first heading:/);
  });
});

describe('placeholder', () => {
  it('reports the template title', () => {
    const kep = GOOD_KEP.replace('# KEP-1234: Demo feature', '# KEP-NNNN: Your short, descriptive title');
    assert.equal(byRule(lint(kep), 'placeholder').length, 2);
  });

  it('reports empty labelled bullets but not filled ones', () => {
    const kep = GOOD_KEP.replace(
      'Details.',
      '- [x] Feature gate\n  - Feature gate name:\n  - Components depending on the feature gate: kubelet\n- Metric name:\n  - my_metric',
    );
    const findings = byRule(lint(kep), 'placeholder');
    assert.deepEqual(
      findings.map((f) => f.message),
      ["'Feature gate name:' has no value: fill it in, or delete the bullet if it does not apply."],
    );
  });

  it('leaves the bullets of an unticked option, and the spare ones of an answered option, alone', () => {
    const kep = GOOD_KEP.replace(
      'Details.',
      [
        '- [ ] Events',
        '  - Event Reason:',
        '- [x] API .status',
        '  - Condition name:',
        '  - Other field: `.status.ready`',
        '- [X] Metrics',
        '  - Metric name:',
        '  - Components exposing the metric:',
      ].join('\n'),
    );
    const findings = byRule(lint(kep), 'placeholder');
    // Only the ticked option that nobody answered is still waiting for its answer.
    assert.deepEqual(
      findings.map((f) => f.message.slice(0, 40)),
      ["'Metric name:' has no value: fill it in,", "'Components exposing the metric:' has no"],
    );
  });

  it('gives a question whose options are all unticked one finding, not one per bullet', () => {
    const kep = GOOD_KEP.replace(
      'Details.',
      ['- [ ] Events', '  - Event Reason:', '- [ ] Metrics', '  - Metric name:', '  - Components exposing the metric:'].join('\n'),
    );
    const findings = byRule(lint(kep), 'placeholder');
    assert.deepEqual(
      findings.map((f) => f.message.slice(0, 45)),
      ["None of this question's options is ticked: ti"],
    );
  });

  it('reports the example test lines and links', () => {
    const kep = GOOD_KEP.replace(
      'Details.',
      '- `<package>`: `<date>` - `<test coverage>`\n- [test name](https://github.com/kubernetes/kubernetes/blob/master/test/e2e/x)\n- [flakes](https://storage.googleapis.com/k8s-triage/index.html?test=MyCoolFeature)',
    );
    assert.deepEqual(
      byRule(lint(kep), 'placeholder').map((f) => f.message.slice(0, 30)),
      ['Template unit-test line left i', "Template example link '[test n", 'Template example link filtered'],
    );
  });

  it("gives the template's example e2e line (a '[test name]' link and two 'MyCoolFeature' filters) one finding, not three", () => {
    const line =
      '- [test name](https://github.com/kubernetes/kubernetes/blob/2334b8469e1983c525c0c6382125710093a25883/test/e2e/...): [SIG ...](https://testgrid.k8s.io/sig-...?include-filter-by-regex=MyCoolFeature), [triage search](https://storage.googleapis.com/k8s-triage/index.html?test=MyCoolFeature)';
    const kep = GOOD_KEP.replace('Details.', line);
    const findings = byRule(lint(kep), 'placeholder');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^Template example test line left in/);
    assert.equal(findings[0].range.start.character, 2);
    assert.ok(findings[0].range.end.character > line.lastIndexOf('MyCoolFeature'), 'the finding spans the line up to the last filter');
    // The true case beside it: two leftover lines are two findings.
    assert.equal(byRule(lint(GOOD_KEP.replace('Details.', `${line}\n${line}`)), 'placeholder').length, 2);
  });

  it('ignores placeholders inside comments and code', () => {
    const kep = GOOD_KEP.replace('Details.', 'Details.\n\n<!--\n- Feature gate name:\n-->\n\n```\n- Metric name:\n```');
    assert.equal(byRule(lint(kep), 'placeholder').length, 0);
  });
});

describe('toc', () => {
  it('reports a stale table of contents with a fix that makes it current', () => {
    const kep = GOOD_KEP.replace('  - [Goals](#goals)\n', '');
    const [finding] = byRule(lint(kep), 'toc');
    assert.equal(finding.severity, 'error');
    assert.ok(finding.fix);
    const change = finding.fix.changes[0];
    const lines = kep.split('\n');
    const before = lines.slice(0, change.range.start.line).join('\n') + '\n' + lines[change.range.start.line].slice(0, change.range.start.character);
    const after = lines[change.range.end.line].slice(change.range.end.character) + '\n' + lines.slice(change.range.end.line + 1).join('\n');
    const fixed = before + change.newText + after;
    assert.ok(fixed.includes(GOOD_TOC));
    assert.equal(byRule(lint(fixed), 'toc').length, 0);
  });

  it('names the first entry that differs and marks its line, not the whole block', () => {
    const kep = GOOD_KEP.replace('  - [Goals](#goals)\n', '');
    const [finding] = byRule(lint(kep), 'toc');
    const lines = kep.split('\n');
    assert.match(finding.message, /: '- \[Goals\]\(#goals\)' is missing before '- \[Non-Goals\]\(#non-goals\)'\. Update it/);
    assert.equal(lines[finding.range.start.line], '  - [Non-Goals](#non-goals)');
    assert.equal(finding.range.end.line, finding.range.start.line);
  });

  it('names a changed entry', () => {
    const kep = GOOD_KEP.replace('  - [Goals](#goals)\n', '  - [Aims](#aims)\n');
    assert.match(byRule(lint(kep), 'toc')[0]!.message, /expected '- \[Goals\]\(#goals\)' here, found '- \[Aims\]\(#aims\)'/);
  });

  it('names an entry no heading gives, and one missing from the end', () => {
    const extra = GOOD_KEP.replace('<!-- /toc -->', '- [Gone](#gone)\n<!-- /toc -->');
    assert.match(byRule(lint(extra), 'toc')[0]!.message, /'- \[Gone\]\(#gone\)' is listed, but no heading gives it/);
    const lastEntry = GOOD_TOC.trim().split('\n').pop()!;
    const short = GOOD_KEP.replace(`${lastEntry}\n<!-- /toc -->`, '<!-- /toc -->');
    const [finding] = byRule(lint(short), 'toc');
    assert.match(finding.message, /is missing from the end/);
    assert.equal(short.split('\n')[finding.range.start.line], '<!-- /toc -->');
  });

  it('reports missing tags', () => {
    const kep = GOOD_KEP.replace('<!-- toc -->\n', '');
    const [finding] = byRule(lint(kep), 'toc');
    assert.match(finding.message, /opening '<!-- toc -->'/);
  });

  it('offers the whole block when both tags are missing', () => {
    const kep = GOOD_KEP.replace(/<!-- toc -->[\s\S]*<!-- \/toc -->\n/, '');
    const [finding] = byRule(lint(kep), 'toc');
    assert.match(finding.message, /^No table of contents/);
    assert.ok(finding.fix?.changes[0].newText.includes('<!-- toc -->'));
  });

  it('inserts the block with LF between the tags in a CRLF document, and mdtoc would accept the result', () => {
    const kep = GOOD_KEP.replace(/<!-- toc -->[\s\S]*<!-- \/toc -->\n/, '').replace(/\n/g, '\r\n');
    const [finding] = byRule(lint(kep), 'toc');
    const change = finding.fix!.changes[0];
    assert.equal(change.newText, `\r\n\r\n<!-- toc -->\n${GOOD_TOC}\n<!-- /toc -->`);
    const lines = kep.split('\r\n');
    const at = lines.slice(0, change.range.start.line).join('\r\n').length + 2 + change.range.start.character;
    const fixed = kep.slice(0, at) + change.newText + kep.slice(at);
    assert.deepEqual(byRule(lint(fixed), 'toc'), []);
  });

  it('says when CRLF line breaks are all that keeps mdtoc from accepting the TOC, and offers no rewrite editors would undo', () => {
    const kep = GOOD_KEP.replace(/\n/g, '\r\n');
    const [finding] = byRule(lint(kep), 'toc');
    assert.match(finding.message, /^The table of contents matches the headings, but its lines end in CRLF: .*Save this file with LF line endings\.$/);
    assert.equal(finding.fix, undefined);
    assert.equal(kep.split('\r\n')[finding.range.start.line], '<!-- toc -->');
    const stale = kep.replace('  - [Goals](#goals)\r\n', '');
    const [content] = byRule(lint(stale), 'toc');
    assert.match(content.message, /'- \[Goals\]\(#goals\)' is missing/, 'a wrong entry is named first');
    assert.ok(content.fix);
    assert.ok(!content.fix.changes[0].newText.includes('\r'), 'the rewrite is what mdtoc writes');
    const lf = kep.replace(/<!-- toc -->[\s\S]*<!-- \/toc -->/, `<!-- toc -->\n${GOOD_TOC}\n<!-- /toc -->`);
    assert.deepEqual(byRule(lint(lf), 'toc'), [], 'a CRLF file with LF between the tags passes, as with mdtoc');
  });
});

describe('unresolved', () => {
  const open = '<<[UNRESOLVED @alice: which default? ]>>';
  const close = '<<[/UNRESOLVED]>>';

  it('reports an unclosed marker as an error', () => {
    const [finding] = byRule(lint(GOOD_KEP.replace('Details.', `${open}\nDetails.`)), 'unresolved');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /never closed/);
  });

  it('reports a stray closing marker', () => {
    const [finding] = byRule(lint(GOOD_KEP.replace('Details.', `Details.\n\n${close}`)), 'unresolved');
    assert.match(finding.message, /closes nothing/);
  });

  it('accepts a balanced block in a provisional KEP', () => {
    assert.equal(byRule(lint(GOOD_KEP.replace('Details.', `${open}\nDetails.\n${close}`)), 'unresolved').length, 0);
  });

  it('warns about a live block in an implementable KEP', () => {
    const kep = GOOD_KEP.replace('Details.', `${open}\nDetails.\n${close}`);
    const [finding] = byRule(lint(kep, { kepYaml: 'status: implementable\n' }), 'unresolved');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /'implementable'/);
  });

  it('ignores markers in comments, fences and inline code', () => {
    const kep = GOOD_KEP.replace('Details.', `<!--\n${open}\n-->\n\n\`\`\`\n${close}\n\`\`\`\n\nUse \`${open}\` to mark debate.`);
    assert.equal(byRule(lint(kep, { kepYaml: 'status: implementable\n' }), 'unresolved').length, 0);
  });
});

describe('rule settings', () => {
  it('turns a rule off or changes its severity', () => {
    const kep = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
    assert.equal(byRule(lint(kep, { settings: { rules: { 'missing-section': 'off' } } }), 'missing-section').length, 0);
    assert.equal(byRule(lint(kep, { settings: { rules: { 'missing-section': 'error' } } }), 'missing-section')[0].severity, 'error');
  });

  it('uses the template named in settings', () => {
    const other = TEMPLATE_TEXT.replace('## Drawbacks', '## Drawbacks\n\n## Alternatives');
    const ws = workspace(GOOD_KEP).set('/elsewhere/template.md', other);
    const analyzer = new KepAnalyzer(ws);
    const findings = analyzer.analyze(README, MarkdownIndex.fromText(GOOD_KEP), { rules: {}, templatePath: '/elsewhere/template.md' });
    assert.deepEqual(
      byRule(findings, 'missing-section').map((f) => f.message),
      ["Missing '## Alternatives'. Add it here, in template order."],
    );
  });
});

describe('missing-section quick fix', () => {
  function apply(
    text: string,
    fix: { changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] },
  ): string {
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const [change] = fix.changes;
    return text.slice(0, offset(change.range.start)) + change.newText + text.slice(offset(change.range.end));
  }

  it('inserts the heading where it belongs, and the finding goes away', () => {
    const kep = GOOD_KEP.replace('### Risks and Mitigations\n\nRisks.\n\n', '');
    const [finding] = byRule(lint(kep), 'missing-section');
    assert.equal(finding.fix?.title, "Insert '### Risks and Mitigations'");
    const fixed = apply(kep, finding.fix!);
    assert.ok(fixed.includes('The proposal.\n\n### Risks and Mitigations\n\n## Design Details'), fixed);
    assert.equal(byRule(lint(fixed), 'missing-section').length, 0);
  });

  it('inserts a missing branch with its required sub-sections, also at the end of the document', () => {
    const kep = GOOD_KEP.replace(/## Motivation[\s\S]*?(?=## Proposal)/, '');
    const fixed = apply(kep, byRule(lint(kep), 'missing-section')[0].fix!);
    assert.ok(fixed.includes('## Motivation\n\n### Goals\n\n### Non-Goals\n\n## Proposal'), fixed);
    const noEnd = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
    const fixedEnd = apply(noEnd, byRule(lint(noEnd), 'missing-section')[0].fix!);
    assert.equal(byRule(lint(fixedEnd), 'missing-section').length, 0, fixedEnd);
  });
});

describe('placeholder and gate-not-in-readme', () => {
  it('report an empty "Feature gate name:" bullet once when kep.yaml has gates', () => {
    const kep = GOOD_KEP.replace('Details.', '- [x] Feature gate\n  - Feature gate name:\n  - Components depending on the feature gate: kubelet');
    const yaml = 'status: provisional\nfeature-gates:\n  - name: DemoGate\n    components:\n      - kubelet\n';
    const findings = lint(kep, { kepYaml: yaml });
    const line = kep.split('\n').indexOf('  - Feature gate name:');
    const onBullet = findings.filter((f) => f.range.start.line === line).map((f) => f.rule);
    assert.deepEqual(onBullet, ['gate-not-in-readme']);
    assert.equal(byRule(lint(kep), 'placeholder').length, 1, 'without kep.yaml gates the placeholder rule reports it');
  });
});

describe('inserted section content', () => {
  it("carries the template's guidance comments when the setting asks for them", () => {
    const kep = GOOD_KEP.replace('## Summary\n\nA summary.\n\n', '');
    const plain = byRule(lint(kep), 'missing-section')[0].fix!.changes[0].newText;
    assert.equal(plain, '## Summary\n\n');
    const guided = byRule(lint(kep, { settings: { rules: {}, insertSectionContent: 'templateComment' } }), 'missing-section')[0].fix!.changes[0].newText;
    assert.equal(guided, '## Summary\n\n<!--\nWrite a one-paragraph summary of the proposal.\n-->\n\n');
  });
});

describe('placeholder fill from kep.yaml', () => {
  it("fills an empty components bullet with the components of kep.yaml's gates", () => {
    const kep = GOOD_KEP.replace('Details.', '- [x] Feature gate\n  - Feature gate name: DemoGate\n  - Components depending on the feature gate:');
    const yaml = 'status: provisional\nfeature-gates:\n  - name: DemoGate\n    components:\n      - kube-apiserver\n      - kubelet\n';
    const [finding] = byRule(lint(kep, { kepYaml: yaml }), 'placeholder');
    assert.equal(finding.fix?.changes[0].newText, 'Components depending on the feature gate: kube-apiserver, kubelet');
    assert.equal(byRule(lint(kep), 'placeholder')[0].fix, undefined, 'no fill without kep.yaml components');
  });
});
