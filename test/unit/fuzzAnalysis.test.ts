// Fuzzing the whole README analysis with random edits to real KEPs. The incremental index is
// already checked against a fresh one (markdownIndex.test.ts); this checks what the editor sees:
// findings, folds, symbols, the sections outline, hover, completion and code actions after a
// sequence of edits equal those of a fresh analyzer on the final text, no step throws, and every
// range an answer holds lies inside the document. Replay a failure with FC_SEED (and FC_PATH).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/files';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { authoringActions } from '../../server/src/core/features/authoringActions';
import { foldingRanges } from '../../server/src/core/features/folding';
import { completeReadmeBullet } from '../../server/src/core/features/readmeCompletion';
import { hoverReadme } from '../../server/src/core/features/readmeHover';
import { completeChecklistItem, completeSectionHeading } from '../../server/src/core/features/sectionCompletion';
import { sectionsOutline } from '../../server/src/core/features/sectionsOutline';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { applyToString, editArb, positionIn, rangesOutside, REPRODUCE, resolveEdit, spotArb, type PlainEdit, type Spot } from './support/fuzzSupport';
import { describeWithSample, SAMPLE, SAMPLE_PRESENT, sampleReadmes } from './support/sample';

const ROOT = '/ws';
const TEMPLATE_PATH = `${ROOT}/keps/NNNN-kep-template/README.md`;
const TEMPLATE = !SAMPLE_PRESENT ? '' : readFileSync(path.join(SAMPLE, 'keps/NNNN-kep-template/README.md'), 'utf8');

interface Kep {
  readmePath: string;
  readme: string;
  files: InMemoryWorkspace;
}

/** A sample KEP in an in-memory checkout: its README, kep.yaml and PRR file, and the sample's template. */
function loadKep(file: string): Kep {
  const relative = path.relative(SAMPLE, file).split(path.sep).join('/');
  const readmePath = `${ROOT}/${relative}`;
  const files = new InMemoryWorkspace();
  files.set(TEMPLATE_PATH, TEMPLATE);
  const folder = path.dirname(file);
  try {
    files.set(`${path.posix.dirname(readmePath)}/kep.yaml`, readFileSync(path.join(folder, 'kep.yaml'), 'utf8'));
  } catch {
    // Some sample KEPs have no kep.yaml; the analysis must cope.
  }
  const [sig, kep] = relative.split('/').slice(1, 3);
  const number = kep.split('-')[0];
  try {
    files.set(`${ROOT}/keps/prod-readiness/${sig}/${number}.yaml`, readFileSync(path.join(SAMPLE, 'keps/prod-readiness', sig, `${number}.yaml`), 'utf8'));
  } catch {
    // No PRR approval file for this KEP.
  }
  const readme = readFileSync(file, 'utf8');
  files.set(readmePath, readme);
  return { readmePath, readme, files };
}

/** Everything the editor asks about a README, at the given positions and selections. */
function answers(analyzer: KepAnalyzer, kep: Kep, index: MarkdownIndex, spots: Spot[], selections: [Spot, Spot][]): unknown {
  const text = index.getText();
  const ctx = analyzer.context(kep.readmePath, index);
  const findings = analyzer.analyze(kep.readmePath, index);
  const at = spots.map((s) => positionIn(text, s));
  return {
    isKep: analyzer.isKep(kep.readmePath, index),
    findings,
    folds: foldingRanges(ctx),
    symbols: documentSymbols(ctx),
    outline: sectionsOutline(ctx),
    hovers: at.map(({ line, character }) => hoverReadme(ctx, line, character, 'file:///ws/README.md')),
    completions: at.map(({ line, character }) => [
      ...completeSectionHeading(ctx, line, character),
      ...completeChecklistItem(ctx, line, character),
      ...completeReadmeBullet({ path: kep.readmePath, lines: index.lines(), line, character, files: kep.files }),
    ]),
    actions: selections.map(([a, b]) => authoringActions(ctx, findings, { start: positionIn(text, a), end: positionIn(text, b) })),
  };
}

// KEP structure an edit may add: template headings, markers, comments, fences, labelled bullets.
const PIECES = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '\n',
      '\n\n',
      '\r\n',
      ' ',
      'text',
      '#',
      '## Summary\n',
      '### Goals\n',
      '## Proposal\n',
      '### Risks and Mitigations\n',
      '## Design Details\n',
      '### Graduation Criteria\n',
      '## Production Readiness Review Questionnaire\n',
      '### Monitoring Requirements\n',
      '###### What are the reasonable SLOs (Service Level Objectives) for the enhancement?\n',
      '###### How can this feature be enabled / disabled in a live cluster?\n',
      '## Drawbacks\n',
      '# KEP-1234: Title\n',
      '<!--',
      '-->',
      '<!-- toc -->\n',
      '<!-- /toc -->\n',
      '<<[UNRESOLVED]>>\n',
      '<<[/UNRESOLVED]>>\n',
      '```\n',
      '~~~',
      '- [ ] ',
      '- [x] ',
      '- Feature gate name: MyGate\n',
      '  - Components depending on the feature gate: kube-apiserver\n',
      '- Metric name: my_metric\n',
      '- [Summary](#summary)\n',
      '> ',
      '\t',
      '\uFEFF',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

describeWithSample('fuzz: random edits to sample KEPs through the whole analysis', () => {
  const readmes = sampleReadmes();

  it('answers after each sequence equal a fresh analysis of the final text, and stay inside it', function () {
    this.timeout(180_000);
    assert.ok(readmes.length > 100, 'the enhancements sample is there');
    const caseArb = fc.record({
      file: fc.nat(readmes.length - 1),
      edits: fc.array(editArb(PIECES), { minLength: 1, maxLength: 6 }),
      spots: fc.array(spotArb, { minLength: 1, maxLength: 4 }),
      selections: fc.array(fc.tuple(spotArb, spotArb), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(caseArb, (c) => {
        const kep = loadKep(readmes[c.file]);
        const analyzer = new KepAnalyzer(kep.files);
        const index = MarkdownIndex.fromText(kep.readme);
        let text = kep.readme;
        // Analyse the starting text, so that every later step can reuse (or wrongly reuse) what it cached.
        analyzer.analyze(kep.readmePath, index);
        for (const generated of c.edits) {
          const edit = resolveEdit(text, generated);
          index.applyEdit(edit);
          text = applyToString(text, edit);
          kep.files.set(kep.readmePath, text);
          analyzer.analyze(kep.readmePath, index);
        }
        const incremental = answers(analyzer, kep, index, c.spots, c.selections);
        const fresh = answers(new KepAnalyzer(kep.files), kep, MarkdownIndex.fromText(text), c.spots, c.selections);
        assert.deepEqual(incremental, fresh);
        assert.deepEqual(rangesOutside(text, incremental), []);
      }),
      { numRuns: 60, ...REPRODUCE },
    );
  });

  it('a BOM typed at the start, or edits after one, give the index a fresh one would have (found by this fuzz)', () => {
    const cases: [string, PlainEdit][] = [
      ['# KEP-1: T\n## Proposal\n', { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: '\uFEFF## Proposal\n' }],
      ['\uFEFF# KEP-1: T\n', { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 1, text: '' }],
      ['\uFEFF# KEP-1: T\n', { startLine: 0, startCharacter: 3, endLine: 0, endCharacter: 4, text: '' }],
      ['\uFEFF# KEP-1: T\ntext\n', { startLine: 0, startCharacter: 1, endLine: 1, endCharacter: 0, text: '## A\n' }],
      ['\uFEFF# KEP-1: T\ntext\n', { startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 4, text: '## B' }],
      ['\uFEFF\uFEFF# T\n', { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 1, text: '' }],
    ];
    for (const [before, edit] of cases) {
      const index = MarkdownIndex.fromText(before);
      index.applyEdit(edit);
      const after = applyToString(before, edit);
      assert.equal(index.getText(), after, JSON.stringify([before, edit]));
      const fresh = MarkdownIndex.fromText(after);
      assert.deepEqual([index.hasBom, index.lines(), index.headings()], [fresh.hasBom, fresh.lines(), fresh.headings()], JSON.stringify([before, edit]));
    }
  });

  it('far, negative and reversed positions give answers inside the document', () => {
    const kep = loadKep(readmes[0]);
    const analyzer = new KepAnalyzer(kep.files);
    const index = MarkdownIndex.fromText(kep.readme);
    const ctx = analyzer.context(kep.readmePath, index);
    const findings = analyzer.analyze(kep.readmePath, index);
    const last = index.lineCount - 1;
    const positions = [
      { line: -1, character: -1 },
      { line: 0, character: 1e6 },
      { line: last, character: 1e6 },
      { line: last + 1, character: 0 },
      { line: 1e6, character: 1e6 },
      { line: 2.5, character: Number.NaN },
    ];
    for (const start of positions) {
      for (const end of positions) {
        const actions = authoringActions(ctx, findings, { start, end });
        assert.deepEqual(rangesOutside(kep.readme, actions), [], `${JSON.stringify(start)}..${JSON.stringify(end)}`);
      }
      hoverReadme(ctx, start.line, start.character);
      completeSectionHeading(ctx, start.line, start.character);
      completeChecklistItem(ctx, start.line, start.character);
      completeReadmeBullet({ path: kep.readmePath, lines: index.lines(), line: start.line, character: start.character, files: kep.files });
    }
  });
});
