// Completion and hover in kep.yaml, production readiness approval files and README feature-gate
// bullets. Fixtures mark the cursor with `|` (no fixture uses a YAML block scalar).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describeWithSample, SAMPLE, sampleFiles } from './support/sample';
import path from 'node:path';
import { NodeFileSource, toCorePath } from '../../server/src/node/fileSource';
import { WorkspaceSnapshot } from '../../server/src/core/workspace/snapshot';
import { settle } from '../../server/src/core/workspace/settle';
import { InMemoryWorkspace } from '../../server/src/core/workspace/files';
import { completeReadmeBullet } from '../../server/src/core/features/readmeCompletion';
import { caughtErrors, completeMetadata, readmeFeatureGates, releaseInDevelopment, type CompletionEntry } from '../../server/src/core/features/yamlCompletion';
import { hoverMetadata } from '../../server/src/core/features/yamlHover';

const ROOT = '/ws';
const KEP_DIR = `${ROOT}/keps/sig-node/1234-my-feature`;
const KEP_YAML = `${KEP_DIR}/kep.yaml`;
const README = `${KEP_DIR}/README.md`;
const PRR = `${ROOT}/keps/prod-readiness/sig-node/1234.yaml`;
const TODAY = '2025-09-10';

const KEP = `title: My feature
kep-number: 1234
authors:
  - "@alice"
owning-sig: sig-node
status: implementable
reviewers:
  - "@bob"
approvers:
  - "@carol"
stage: beta
latest-milestone: "v1.34"
milestone:
  alpha: "v1.33"
  beta: "v1.34"
feature-gates:
  - name: MyFeature
    components:
      - kubelet
disable-supported: true
`;

const README_TEXT = `# KEP-1234: My feature

## Production Readiness Review Questionnaire

###### How can this feature be enabled / disabled in a live cluster?

- [x] Feature gate (also fill in values in \`kep.yaml\`)
  - Feature gate name: \`MyFeature\`
  - Components depending on the feature gate: kubelet
- [x] Feature gate
  - Feature gate names:
    - \`OtherGate\`

MyFeature changes how the kubelet starts pods.
`;

const ALIASES = `aliases:
  prod-readiness-approvers:
    - johnbelamaric
    - newcomer
  prod-readiness-approvers-emeritus:
    - ehashman
`;

const PRR_TEXT = `kep-number: 1234
alpha:
  approver: "@johnbelamaric"
`;

function workspace(files: Record<string, string> = {}): InMemoryWorkspace {
  const ws = new InMemoryWorkspace();
  ws.set(KEP_YAML, KEP);
  ws.set(README, README_TEXT);
  ws.set(`${ROOT}/OWNERS_ALIASES`, ALIASES);
  ws.set(PRR, PRR_TEXT);
  for (const [p, t] of Object.entries(files)) ws.set(p, t);
  return ws;
}

interface Cursor {
  text: string;
  line: number;
  character: number;
}

function cursor(marked: string): Cursor {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, 'fixture has no cursor marker');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  return { text: marked.slice(0, at) + marked.slice(at + 1), line, character: at - (before.lastIndexOf('\n') + 1) };
}

interface Options {
  path?: string;
  files?: InMemoryWorkspace;
  today?: string;
}

function complete(marked: string, options: Options = {}): CompletionEntry[] {
  const c = cursor(marked);
  const files = options.files ?? workspace();
  const p = options.path ?? KEP_YAML;
  files.set(p, c.text);
  return completeMetadata({ path: p, text: c.text, line: c.line, character: c.character, files, today: options.today ?? TODAY });
}

function labels(entries: CompletionEntry[]): string[] {
  return [...entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((e) => e.label);
}

function entry(entries: CompletionEntry[], label: string): CompletionEntry {
  const e = entries.find((x) => x.label === label);
  assert.ok(e, `no entry '${label}' in ${JSON.stringify(entries.map((x) => x.label))}`);
  return e;
}

function hover(marked: string, options: Options = {}): string {
  const c = cursor(marked);
  const files = options.files ?? workspace();
  const p = options.path ?? KEP_YAML;
  files.set(p, c.text);
  const h = hoverMetadata({ path: p, text: c.text, line: c.line, character: c.character, files });
  assert.ok(h, 'no hover');
  return h.markdown;
}

describe('kep.yaml completion: keys', () => {
  it('offers the top-level keys not yet written, with schema documentation', () => {
    const entries = complete('title: X\nstatus: provisional\n|');
    const l = labels(entries);
    for (const k of ['kep-number', 'authors', 'owning-sig', 'stage', 'latest-milestone', 'milestone', 'feature-gates', 'metrics']) assert.ok(l.includes(k), k);
    for (const k of ['title', 'status', 'id', 'prnumber', 'name', 'path']) assert.ok(!l.includes(k), k);
    const authors = entry(entries, 'authors');
    assert.equal(authors.kind, 'field');
    assert.equal(authors.insertText, 'authors:\n  - "@${1}"');
    assert.equal(authors.snippet, true);
    assert.match(authors.documentation ?? '', /GitHub handles/);
    assert.match(authors.detail ?? '', /required/);
    assert.equal(entry(entries, 'stage').insertText, 'stage: ');
  });

  it('completes a half-typed key, replacing the word, and keeps a colon already written', () => {
    const entries = complete('title: X\nsta|\n');
    assert.ok(labels(entries).includes('stage'));
    assert.deepEqual(entry(entries, 'status').replace, { startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 3 });
    const withColon = complete('title: X\nsta|tus: provisional\n');
    assert.equal(entry(withColon, 'status').insertText, 'status');
    assert.equal(entry(withColon, 'stage').insertText, 'stage');
    assert.ok(!labels(withColon).includes('title'));
  });

  it('offers the missing keys inside milestone', () => {
    assert.deepEqual(labels(complete('stage: beta\nmilestone:\n  alpha: "v1.33"\n  |\nmetrics: []\n')), [
      'beta',
      'stable',
      'deprecated',
      'disabled',
      'removed',
    ]);
    assert.deepEqual(labels(complete('milestone:\n  alpha: "v1.33"\n  |\n  stable: "v1.36"\n')), ['beta', 'deprecated', 'disabled', 'removed']);
  });

  it('offers a milestone snippet with alpha, beta and stable releases', () => {
    const m = entry(complete('title: X\nmil|'), 'milestone');
    assert.equal(m.snippet, true);
    assert.equal(m.insertText, 'milestone:\n  alpha: "${1:v1.35}"\n  beta: "${2:v1.36}"\n  stable: "${3:v1.37}"');
  });

  it('offers the missing keys of a feature-gates entry', () => {
    const entries = complete('feature-gates:\n  - name: MyFeature\n    |\n');
    assert.deepEqual(labels(entries), ['components']);
    assert.equal(entries[0].insertText, 'components:\n  - ${1}');
    assert.deepEqual(labels(complete('feature-gates:\n  - components:\n      - kubelet\n    n|\n')), ['name']);
  });

  it('offers a whole feature gate entry, with the README gate as placeholder when there is one', () => {
    const oneGate = workspace({ [README]: '- Feature gate name: `MyFeature`\n' });
    const fresh = complete('title: X\nfeature-gates:\n  |\n', { files: oneGate });
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0].kind, 'snippet');
    assert.equal(fresh[0].insertText, '- name: ${1:MyFeature}\n  components:\n    - ${2}');
    const dashed = complete('title: X\nfeature-gates:\n  - |\n', { files: oneGate });
    assert.deepEqual(labels(dashed), ['feature gate entry', 'name', 'components']);
    assert.equal(entry(dashed, 'feature gate entry').insertText, 'name: ${1:MyFeature}\n  components:\n    - ${2}');
    const top = entry(complete('title: X\nfeat|', { files: oneGate }), 'feature-gates');
    assert.equal(top.insertText, 'feature-gates:\n  - name: ${1:MyFeature}\n    components:\n      - ${2}');
    // Two README gates: no placeholder.
    assert.equal(complete('feature-gates:\n  |\n')[0].insertText, '- name: ${1}\n  components:\n    - ${2}');
  });
});

describe('kep.yaml completion: values', () => {
  it('offers the status values with their descriptions', () => {
    const entries = complete('title: X\nstatus: |\n');
    assert.deepEqual(labels(entries), ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced']);
    assert.equal(entry(entries, 'implementable').kind, 'value');
    assert.match(entry(entries, 'implementable').documentation ?? '', /production readiness approval/);
    assert.deepEqual(entry(entries, 'provisional').replace, { startLine: 1, startCharacter: 8, endLine: 1, endCharacter: 8 });
  });

  it('replaces the value being typed, keeping its quotes', () => {
    const typed = complete('title: X\nstatus: impl|\n');
    assert.deepEqual(entry(typed, 'implemented').replace, { startLine: 1, startCharacter: 8, endLine: 1, endCharacter: 12 });
    const middle = complete('title: X\nstatus: impl|ementable # note\n');
    assert.deepEqual(entry(middle, 'implemented').replace, { startLine: 1, startCharacter: 8, endLine: 1, endCharacter: 21 });
    const quoted = complete('title: X\nstage: "be|"\n');
    assert.deepEqual(labels(quoted), ['"alpha"', '"beta"', '"stable"', '"deprecated"', '"disabled"', '"removed"']);
    assert.deepEqual(entry(quoted, '"beta"').replace, { startLine: 1, startCharacter: 7, endLine: 1, endCharacter: 11 });
    assert.match(entry(quoted, '"beta"').documentation ?? '', /close to final/);
  });

  it('adds the space a value needs after the colon', () => {
    assert.equal(entry(complete('status:|'), 'provisional').insertText, ' provisional');
    const before = entry(complete('title: X\nstatus:| implementable\n'), 'provisional');
    assert.equal(before.insertText, ' provisional');
    assert.deepEqual(before.replace, { startLine: 1, startCharacter: 7, endLine: 1, endCharacter: 21 });
  });

  it('offers community groups, the KEP folder first, for owning-sig and participating-sigs', () => {
    const files = workspace({ [`${ROOT}/keps/sig-foo/1-x/kep.yaml`]: 'title: x\n' });
    const owning = complete('title: X\nowning-sig: |\n', { files });
    const l = labels(owning);
    assert.equal(l[0], 'sig-node');
    assert.equal(entry(owning, 'sig-node').detail, "this KEP's folder");
    assert.ok(l.includes('wg-batch'), 'bundled group');
    assert.ok(l.includes('sig-foo'), 'workspace folder');
    const participating = complete('owning-sig: sig-node\nparticipating-sigs:\n  - sig-apps\n  - |\n', { files });
    const p = labels(participating);
    assert.ok(!p.includes('sig-node'), 'the owning group');
    assert.ok(!p.includes('sig-apps'), 'already listed');
    assert.ok(p.includes('kubernetes-wide'));
    assert.ok(p.includes('sig-auth'));
    const flow = labels(complete('participating-sigs: [sig-apps, |]\n', { files }));
    assert.ok(!flow.includes('sig-apps') && flow.includes('sig-auth'));
    const indented = complete('participating-sigs:\n  |\n', { files });
    assert.equal(entry(indented, 'sig-auth').insertText, '- sig-auth');
  });

  it('derives the release in development from the date (v1.34 shipped 2025-08-27, ~3 releases a year)', () => {
    assert.deepEqual(releaseInDevelopment('2025-08-26'), { major: 1, minor: 34 });
    assert.deepEqual(releaseInDevelopment('2025-08-27'), { major: 1, minor: 35 });
    assert.deepEqual(releaseInDevelopment('2025-12-28'), { major: 1, minor: 36 });
    assert.deepEqual(releaseInDevelopment('2026-05-01'), { major: 1, minor: 37 });
    assert.deepEqual(releaseInDevelopment('2029-08-28'), { major: 1, minor: 47 });
  });

  it('offers quoted releases around the current one for latest-milestone and milestone.*', () => {
    const latest = complete('title: X\nlatest-milestone: |\n', { files: new InMemoryWorkspace() });
    assert.deepEqual(labels(latest), ['v1.35', 'v1.36', 'v1.37', 'v1.34']);
    assert.deepEqual(
      latest.map((e) => e.insertText),
      ['"v1.35"', '"v1.36"', '"v1.37"', '"v1.34"'],
    );
    assert.equal(entry(latest, 'v1.35').detail, 'release in development');
    assert.match(entry(latest, 'v1.35').documentation ?? '', /2025-09-10/);
    const beta = complete('milestone:\n  alpha: "v1.33"\n  beta: |\n', { files: new InMemoryWorkspace() });
    assert.equal(entry(beta, 'v1.36').insertText, '"v1.36"');
    // Typed with a quote: the label keeps it, so that the editor's filter matches what is typed.
    const double = complete('latest-milestone: "v1.3|"\n', { files: new InMemoryWorkspace() });
    assert.equal(entry(double, '"v1.35"').insertText, '"v1.35"');
    const single = complete("latest-milestone: 'v1.3|'\n", { files: new InMemoryWorkspace() });
    assert.equal(entry(single, "'v1.35'").insertText, "'v1.35'");
  });

  it('follows the workspace when its KEPs already name a later release', () => {
    const files = workspace({ [`${ROOT}/keps/sig-apps/99-other/kep.yaml`]: 'title: other\nlatest-milestone: "v1.36"\n' });
    const entries = complete('title: X\nlatest-milestone: |\n', { files });
    assert.deepEqual(labels(entries), ['v1.36', 'v1.37', 'v1.38', 'v1.35']);
    assert.match(entry(entries, 'v1.36').documentation ?? '', /workspace/);
  });

  it('offers components, those of other gates first, without those already listed', () => {
    const text = 'feature-gates:\n  - name: A\n    components:\n      - kube-proxy\n  - name: B\n    components:\n      - kubelet\n      - |\n';
    const l = labels(complete(text));
    assert.equal(l[0], 'kube-proxy');
    assert.ok(!l.includes('kubelet'));
    assert.ok(l.includes('kube-apiserver') && l.includes('kubeadm'));
  });

  it("offers the README's feature gate names for a gate's name", () => {
    const entries = complete('feature-gates:\n  - name: |\n');
    assert.deepEqual(labels(entries), ['MyFeature', 'OtherGate']);
    assert.match(entry(entries, 'MyFeature').detail ?? '', /README\.md line 8/);
    assert.match(entry(entries, 'OtherGate').detail ?? '', /line 12/);
    // A gate already named in kep.yaml sorts last.
    const second = complete('feature-gates:\n  - name: MyFeature\n  - name: |\n');
    assert.deepEqual(labels(second), ['OtherGate', 'MyFeature']);
    assert.match(entry(second, 'MyFeature').detail ?? '', /already in feature-gates/);
    // The entry being edited does not count.
    assert.equal(entry(complete('feature-gates:\n  - name: MyFea|ture\n'), 'MyFeature').detail, 'README.md line 8');
  });

  it('offers today for the dates and true/false for disable-supported', () => {
    assert.deepEqual(labels(complete('creation-date: |\n')), ['2025-09-10']);
    assert.deepEqual(labels(complete('last-updated: |\n', { today: '2026-01-02' })), ['2026-01-02']);
    assert.deepEqual(labels(complete('disable-supported: |\n')), ['true', 'false']);
    assert.deepEqual(labels(complete('kep-number: |\n')), ['1234']);
  });

  it('offers the handles used in the KEP for the handle lists, not those already in the list', () => {
    const text = 'authors:\n  - "@alice"\nreviewers:\n  - "@bob"\napprovers:\n  - "@carol"\n  - |\n';
    const entries = complete(text);
    assert.deepEqual(labels(entries), ['@alice', '@bob', 'TBD']);
    assert.equal(entry(entries, '@bob').detail, 'in reviewers');
    assert.equal(entry(entries, '@bob').insertText, '"@bob"');
    assert.equal(entry(entries, 'TBD').insertText, 'TBD');
    const typed = complete('authors:\n  - "@alice"\nreviewers:\n  - "@b|"\n');
    assert.deepEqual(entry(typed, '"@alice"').replace, { startLine: 3, startCharacter: 4, endLine: 3, endCharacter: 8 });
    // A bare first letter: the label drops the `@` so that it matches; the value is still a quoted handle.
    const bare = complete('authors:\n  - "@alice"\nreviewers:\n  - a|\n');
    assert.equal(entry(bare, 'alice').insertText, '"@alice"');
  });

  it('offers nothing in a comment or for free text', () => {
    assert.deepEqual(complete('title: X # a |\n'), []);
    assert.deepEqual(complete('# |\ntitle: X\n'), []);
    assert.deepEqual(complete('title: My |\n'), []);
  });
});

describe('kep.yaml completion on broken YAML', () => {
  it('completes status after an unclosed quote and a tab', () => {
    const text = 'title: "My feature\nauthors:\n\t- "@alice"\nstatus: |\n';
    assert.ok(labels(complete(text)).includes('implementable'));
  });

  it('completes keys and list items among garbage lines', () => {
    const text = 'title: X\n: : [\nauthors:\n  - "@alice"\nreviewers:\n  - |\nsta\n';
    assert.ok(labels(complete(text)).includes('@alice'));
    const keys = labels(complete('title: X\n: : [\nsta|\nstatus: x\n'));
    assert.ok(keys.includes('stage') && !keys.includes('status') && !keys.includes('title'));
    assert.deepEqual(labels(complete('milestone:\n  alpha: [\n  be|\n')), ['beta', 'stable', 'deprecated', 'disabled', 'removed']);
  });

  it('never fails on random mixes of KEP lines, broken lines and cursor positions', () => {
    const vocabulary = [
      'title: x',
      'status: ',
      'stage: "be',
      'authors:',
      '  - "@alice"',
      '  - ',
      '- ',
      'milestone:',
      '  alpha: "v1.3',
      '  beta:',
      'feature-gates:',
      '  - name: A',
      '    components:',
      '      - kubelet',
      '      - ',
      '    comp',
      'participating-sigs: [sig-a, ',
      'alpha:',
      '  approver: "@',
      '\t- tab',
      ': : [',
      '"unclosed',
      '{a: [b',
      '# comment',
      '',
      '   ',
      '---',
      'sta',
    ];
    const files = workspace();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }), fc.nat(14), fc.nat(30), fc.boolean(), (lines, line, character, prr) => {
        const text = lines.join('\n');
        const args = { path: prr ? PRR : KEP_YAML, text, line, character, files, today: TODAY };
        assert.ok(Array.isArray(completeMetadata(args)));
        hoverMetadata(args);
        completeReadmeBullet({ path: README, lines, line, character, files });
      }),
      { numRuns: 500 },
    );
    assert.deepEqual(caughtErrors, []);
  });

  it('never throws at odd positions', () => {
    const files = workspace();
    for (const text of ['', '\n\n', '---\n- a\n- b', '{', 'a: [b, {c: d', '"', ':', '- - - x', 'milestone: {alpha: ', '\r\n\r\n  - ']) {
      for (let line = -1; line < 4; line++) {
        for (let character = -1; character < 8; character++) {
          const args = { path: KEP_YAML, text, line, character, files, today: TODAY };
          assert.ok(Array.isArray(completeMetadata(args)));
          hoverMetadata(args);
          completeMetadata({ ...args, path: PRR });
          hoverMetadata({ ...args, path: PRR });
        }
      }
    }
    assert.deepEqual(completeMetadata({ path: `${KEP_DIR}/other.yaml`, text: 'a: |', line: 0, character: 3, files, today: TODAY }), []);
    assert.deepEqual(caughtErrors, []);
  });
});

describe('PRR approval file completion', () => {
  it("offers the missing keys, the KEP's current stage first, as blocks with an approver", () => {
    const entries = complete('kep-number: 1234\nalpha:\n  approver: "@johnbelamaric"\n|', { path: PRR });
    assert.deepEqual(labels(entries), ['beta', 'stable', 'deprecated', 'disabled', 'removed']);
    assert.equal(entry(entries, 'beta').insertText, 'beta:\n  approver: "@${1}"');
    assert.match(entry(entries, 'beta').detail ?? '', /current stage/);
    assert.equal(entry(complete('|', { path: PRR }), 'kep-number').insertText, 'kep-number: ${1:1234}');
    assert.deepEqual(labels(complete('kep-number: 1234\nbeta:\n  |\n', { path: PRR })), ['approver']);
  });

  it('offers the approvers of OWNERS_ALIASES, or the bundled list without one', () => {
    const entries = complete('kep-number: 1234\nbeta:\n  approver: |\n', { path: PRR });
    assert.deepEqual(labels(entries), ['@johnbelamaric', '@newcomer']);
    assert.deepEqual(
      entries.map((e) => e.insertText),
      ['"@johnbelamaric"', '"@newcomer"'],
    );
    assert.match(entries[0].detail ?? '', /OWNERS_ALIASES/);
    const files = workspace();
    files.delete(`${ROOT}/OWNERS_ALIASES`);
    const bundled = labels(complete('beta:\n  approver: "@|"\n', { path: PRR, files }));
    assert.ok(bundled.includes('"@deads2k"') && bundled.includes('"@wojtek-t"'), bundled.join());
  });
});

describe('kep.yaml hover', () => {
  it('describes a key with its allowed values and when it is needed', () => {
    const md = hover(KEP.replace('status: implementable', 'sta|tus: implementable'));
    assert.match(md, /\*\*status\*\* · required/);
    assert.match(md, /Where the KEP is in its life/);
    assert.match(md, /- `implementable`: The approvers accepted/);
    assert.match(md, /every stage/);
  });

  it("says what the KEP's stage asks of feature-gates, disable-supported and metrics", () => {
    const alpha = KEP.replace('stage: beta', 'stage: alpha');
    assert.match(hover(alpha.replace('feature-gates:', 'feature-g|ates:')), /stage `alpha`, so it is required/);
    assert.match(hover(alpha.replace('disable-supported:', 'disable-s|upported:')), /from alpha on.*so it is required/);
    assert.match(hover(alpha + 'metrics:\n  - x|_total\n'), /not required yet; it will be when the KEP moves to beta/);
    assert.match(hover(KEP + 'met|rics: []\n'), /stage `beta`, so it is required/);
    assert.match(hover('title: x\nfeature-g|ates: []\n'), /no stage yet, so it is not required yet/);
  });

  it('explains stage and latest-milestone with the production readiness file', () => {
    const md = hover(KEP.replace('stage: beta', 'sta|ge: beta'));
    assert.match(md, /upstream CI requires `stage` and `latest-milestone`/);
    assert.match(md, /`keps\/prod-readiness\/sig-node\/1234.yaml` has no `beta` block yet/);
    const alpha = hover(KEP.replace('stage: beta', 'stage: alpha').replace('latest-milestone:', 'latest-mile|stone:'));
    assert.match(alpha, /names `"?@johnbelamaric"?` for `alpha`/);
    assert.match(hover(KEP.replace('"v1.34"\nmilestone', '"0.0"\nmilestone').replace('latest-milestone:', '|latest-milestone:')), /before v1.21/);
    assert.match(hover(KEP.replace('  alpha: "v1.33"', '  al|pha: "v1.33"')), /`milestone.alpha` should name the release in which it reached alpha/);
  });

  it('describes status and stage values', () => {
    assert.match(hover(KEP.replace('status: implementable', 'status: implem|entable')), /\*\*status: implementable\*\*\n\nThe approvers accepted the design/);
    assert.match(hover('status: planned|\n'), /`planned` is not one of the documented values: `provisional`/);
    const stage = hover(KEP.replace('stage: beta', 'stage: be|ta'));
    assert.match(stage, /close to final/);
    assert.match(stage, /`metrics` \(from beta\)/);
  });

  it('shows where a feature gate is named in the README', () => {
    const named = hover(KEP.replace('name: MyFeature', 'name: MyFea|ture'));
    // A file name is escaped like any document text: README\.md renders as README.md.
    assert.match(named, /Named in README\\\.md under "Feature gate name:":\n- line 8: `` - Feature gate name: `MyFeature` ``/);
    assert.match(named, /Also mentioned in README\\\.md on line 14/);
    const typo = hover(KEP.replace('name: MyFeature', 'name: MyFeatur|e2'));
    assert.match(typo, /Not named in README\\\.md under "Feature gate name:"/);
    assert.match(typo, /README\\\.md names `MyFeature`: is one of them misspelled\?/);
    const files = workspace();
    files.delete(README);
    assert.match(hover(KEP.replace('name: MyFeature', 'name: My|Feature'), { files }), /no README\.md next to this kep\.yaml/);
  });

  it('calls a stand-in gate name ("None") a placeholder, and never says the README should name it', () => {
    const none = hover(KEP.replace('name: MyFeature', 'name: No|ne'));
    assert.match(none, /`None` is a placeholder, not a feature gate: write the gate's real name .* or remove this entry/);
    assert.doesNotMatch(none, /Not named in README/);
  });

  it('quotes document text as code, never as Markdown or HTML', () => {
    const md = hover('feature-gates:\n  - name: "<img src=x>`*|bold*"\n');
    assert.ok(md.includes('``<img src=x>`*bold*``'), md);
    assert.ok(!md.replace('``<img src=x>`*bold*``', '').includes('<img'), md);
  });

  it('hovers on broken YAML through the lines', () => {
    const md = hover('title: "unclosed\nstage: alpha\n: : [\nmetr|ics:\n  - x\n');
    assert.match(md, /\*\*metrics\*\*/);
    assert.match(md, /stage `alpha`/);
    assert.match(hover('feature-gates:\n  - name: MyFeature\n    compo|nents: [\n'), /\*\*feature-gates\[\]\.components\*\*/);
  });

  it('returns a range on the key or on the value', () => {
    const c = cursor('title: x\nstatus: provi|sional\n');
    const h = hoverMetadata({ path: KEP_YAML, text: c.text, line: c.line, character: c.character, files: workspace() });
    assert.deepEqual(h?.range, { startLine: 1, startCharacter: 8, endLine: 1, endCharacter: 19 });
    const k = cursor('title: x\nst|atus: provisional\n');
    assert.deepEqual(hoverMetadata({ path: KEP_YAML, text: k.text, line: k.line, character: k.character, files: workspace() })?.range, {
      startLine: 1,
      startCharacter: 0,
      endLine: 1,
      endCharacter: 6,
    });
    const blank = cursor('title: x\n|\n');
    assert.equal(hoverMetadata({ path: KEP_YAML, text: blank.text, line: blank.line, character: blank.character, files: workspace() }), undefined);
  });
});

describe('PRR approval file hover', () => {
  const at = (marked: string, files = workspace()): string => hover(marked, { path: PRR, files });

  it('says whether an approver is listed in OWNERS_ALIASES, emeritus, or only in the bundled snapshot', () => {
    assert.match(at('kep-number: 1234\nalpha:\n  approver: "@john|belamaric"\n'), /Listed under `prod-readiness-approvers` in the workspace's OWNERS_ALIASES/);
    assert.match(at('alpha:\n  approver: ehash|man\n'), /prod-readiness-approvers-emeritus.*accepts emeritus approvers/s);
    assert.match(at('alpha:\n  approver: "@deads|2k"\n'), /Not in the workspace's OWNERS_ALIASES; only the extension's bundled snapshot/);
    const noAliases = workspace();
    noAliases.delete(`${ROOT}/OWNERS_ALIASES`);
    assert.match(at('alpha:\n  approver: "@deads|2k"\n', noAliases), /No OWNERS_ALIASES listing the approvers was found/);
    const unknown = at('alpha:\n  approver: "@mal|lory"\n');
    assert.match(unknown, /Not a production readiness approver/);
    assert.match(unknown, /`@johnbelamaric`, `@newcomer`/);
  });

  it('describes the keys and the block of the KEP current stage', () => {
    assert.match(
      at('kep-number: 1234\nbe|ta:\n  approver: "@newcomer"\n'),
      /`keps\/sig-node\/1234-my-feature` is at stage `beta`: upstream CI reads this block/,
    );
    assert.match(at('kep-num|ber: 1234\n'), /named `1234.yaml`/);
    assert.match(at('alpha:\n  appr|over: x\n'), /\*\*alpha\.approver\*\* · required/);
  });
});

describe('README feature-gate bullet completion', () => {
  const KEP_WITH_GATES = 'title: x\nfeature-gates:\n  - name: MyFeature\n    components:\n      - kube-apiserver\n      - kubelet\n  - name: Other\n';
  function readme(marked: string): CompletionEntry[] {
    const c = cursor(marked);
    const files = workspace({ [KEP_YAML]: KEP_WITH_GATES });
    return completeReadmeBullet({ path: README, lines: c.text.split('\n'), line: c.line, character: c.character, files });
  }

  it('offers the gate names of kep.yaml after "Feature gate name:"', () => {
    const entries = readme('- [x] Feature gate\n  - Feature gate name: |\n');
    assert.deepEqual(labels(entries), ['MyFeature', 'Other']);
    assert.equal(entries[0].insertText, '`MyFeature`');
    assert.match(entries[0].documentation ?? '', /kube-apiserver/);
    const typed = readme('  - Feature gate name: `My|`\n');
    assert.deepEqual(typed[0].replace, { startLine: 0, startCharacter: 23, endLine: 0, endCharacter: 27 });
    assert.deepEqual(labels(readme('  - Feature gate names: `MyFeature`, |\n')), ['Other']);
  });

  it('never offers a stand-in gate name ("None", "N/A") of kep.yaml after "Feature gate name:"', () => {
    const c = cursor('- [x] Feature gate\n  - Feature gate name: |\n');
    const files = workspace({ [KEP_YAML]: 'title: x\nfeature-gates:\n  - name: None\n  - name: N/A\n  - name: MyFeature\n' });
    const entries = completeReadmeBullet({ path: README, lines: c.text.split('\n'), line: c.line, character: c.character, files });
    assert.deepEqual(labels(entries), ['MyFeature']);
  });

  it('offers the components after "Components depending on the feature gate:"', () => {
    const l = labels(readme('  - Components depending on the feature gate: kubelet, |\n'));
    assert.equal(l[0], 'kube-apiserver');
    assert.ok(!l.includes('kubelet'));
    assert.ok(l.includes('kube-scheduler'));
    const sub = labels(readme('  - Components depending on the feature gate:\n    - kube-apiserver\n    - |\n'));
    assert.ok(sub.includes('kubelet') && sub.includes('kube-proxy'));
    assert.deepEqual(labels(readme('  - Feature gate names:\n    - |\n')), ['MyFeature', 'Other']);
  });

  afterEach(() => assert.deepEqual(caughtErrors, []));

  it('offers nothing elsewhere', () => {
    assert.deepEqual(readme('Some text |\n'), []);
    assert.deepEqual(readme('- Describe the mechanism: |\n'), []);
    assert.deepEqual(readme('|Feature gate name:\n'), []);
    assert.deepEqual(completeReadmeBullet({ path: README, lines: [], line: 3, character: 0, files: workspace() }), []);
  });

  it('reads the README gate names the way authors write them', () => {
    const gates = readmeFeatureGates(
      [
        '- Feature gate name: `A`',
        '- Feature gate name: B.',
        '- Feature gate name: [C](https://x)',
        '- Feature gate names: D, E',
        '- Feature gate name:',
        '  - `F`',
        '<!--',
        '- Feature gate name: G',
        '-->',
        '```',
        '- Feature gate name: H',
        '```',
        '- Feature gate name: `I` new feature gate to enable `J`',
      ].join('\n'),
    );
    assert.deepEqual(
      gates.map((g) => `${g.name}@${g.line}:${g.character}`),
      ['A@0:22', 'B@1:21', 'C@2:22', 'D@3:22', 'E@3:25', 'F@5:5', 'I@12:22', 'J@12:53'],
    );
  });
});

describeWithSample('completion and hover over the enhancements sample', function () {
  // Every sample file parses, so the YAML model decides; with a broken line appended, the lines
  // decide. Both must give the same completions and hovers everywhere in the file.
  it('never throws, and the YAML model and the lines agree, at sampled positions of every kep.yaml and approval file', async function () {
    const files = new WorkspaceSnapshot();
    const source = new NodeFileSource();
    const all = sampleFiles(path.join(SAMPLE, 'keps')).filter((f) => f.endsWith('.yaml'));
    assert.ok(all.length > 0);
    let calls = 0;
    let offered = 0;
    let hovered = 0;
    const disagreements: string[] = [];
    for (const file of all) {
      const p = toCorePath(path.resolve(file));
      const text = readFileSync(file, 'utf8');
      const broken = `${text}${text.endsWith('\n') ? '' : '\n'}"unclosed: [\n`;
      const lines = text.split('\n');
      // Every position of the file, with and without the broken line; `count` only on the run that counts.
      const probe = (count: boolean): void =>
        lines.forEach((line, n) => {
          const colon = line.indexOf(':');
          const indent = line.length - line.trimStart().length;
          for (const character of new Set([0, indent, colon >= 0 ? colon + 2 : line.length, line.length])) {
            const args = { path: p, text, line: n, character, files, today: '2026-08-21' };
            const completions = completeMetadata(args);
            const h = hoverMetadata(args);
            const viaLines = { ...args, text: broken };
            const same =
              JSON.stringify(completions) === JSON.stringify(completeMetadata(viaLines)) && JSON.stringify(h) === JSON.stringify(hoverMetadata(viaLines));
            if (!count) continue;
            offered += completions.length;
            if (h) hovered++;
            calls++;
            if (!same && disagreements.length < 5) disagreements.push(`${path.relative(SAMPLE, file)}:${n + 1}:${character + 1}`);
          }
        });
      // The neighbours completion and hover read are loaded first, as the server loads them.
      await settle(files, source, () => probe(false));
      probe(true);
    }
    assert.deepEqual(disagreements, []);
    console.log(`      ${all.length} files, ${calls} positions, ${offered} completions, ${hovered} hovers`);
    assert.ok(offered > 0 && hovered > 0);
    assert.deepEqual(caughtErrors, [], 'errors caught inside completion or hover');
  });
});
