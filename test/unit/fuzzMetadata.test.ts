// Fuzzing the metadata side: random bytes and random YAML-ish text as kep.yaml and as a PRR
// approval file, through the metadata analysis, completion and hover, and through the README
// analysis that reads that kep.yaml. Nothing throws or is caught and hidden, every range lies
// inside the file it is about, and a long-lived analyzer (with its caches) answers like a new one.
// Replay a failure with FC_SEED (and FC_PATH).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import type { WorkspaceFiles } from '../../server/src/core/workspace/files';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { analyzeMetadataFile } from '../../server/src/core/features/metadataFiles';
import { completeReadmeBullet } from '../../server/src/core/features/readmeCompletion';
import { hoverReadme } from '../../server/src/core/features/readmeHover';
import { caughtErrors, completeMetadata } from '../../server/src/core/features/yamlCompletion';
import { hoverMetadata } from '../../server/src/core/features/yamlHover';
import { GOOD_KEP, GOOD_PRR, KEP_YAML, PRR, README, workspace } from './metadata/support';
import { positionIn, rangesOutside, REPRODUCE, spotArb, type Spot } from './support/fuzzSupport';
import { describeWithSample, SAMPLE, SAMPLE_PRESENT } from './support/sample';

const TODAY = '2026-11-25';
const SETTINGS = { rules: {} };
// A real README with feature gates, metrics and the PRR questionnaire, so the cross-file checks run.
const SAMPLE_README = !SAMPLE_PRESENT
  ? ''
  : readFileSync(path.join(SAMPLE, 'keps/sig-node/4381-dra-structured-parameters/README.md'), 'utf8').replace(/^# KEP-\d+/m, '# KEP-1234');

const KEYS = [
  'title',
  'kep-number',
  'authors',
  'owning-sig',
  'participating-sigs',
  'status',
  'creation-date',
  'last-updated',
  'reviewers',
  'approvers',
  'see-also',
  'replaces',
  'superseded-by',
  'stage',
  'latest-milestone',
  'milestone',
  'alpha',
  'beta',
  'stable',
  'deprecated',
  'feature-gates',
  'name',
  'components',
  'disable-supported',
  'metrics',
  'approver',
  'prr-approvers',
];
const VALUES = [
  '',
  '"@alice"',
  '@bob',
  'sig-node',
  'implementable',
  'implemented',
  'provisional',
  'withdrawn',
  'alpha',
  'beta',
  'stable',
  '"v1.30"',
  'v1.3',
  '"v1.',
  'v2.0',
  '2026-01-31',
  '"2026-13-45"',
  'true',
  'false',
  'null',
  '~',
  '1234',
  '"1234"',
  '0x1F',
  '.inf',
  '[',
  ']',
  '[a, b',
  '{a: b',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*missing',
  '!!str ',
  '!!binary ',
  '|',
  '>-',
  '"',
  "'",
  '"unclosed',
  '# comment',
  ': :',
  '<<: *a',
  'MyFeature',
  'kube-apiserver',
  'my_metric_total',
];

/** One YAML-ish line: an indent, a key or a dash, and a value, or plain noise. */
const LINE = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '  ', '    ', '      ', '\t', ' '),
        fc.oneof(
          fc.constantFrom(...KEYS).map((k) => `${k}: `),
          fc.constantFrom('- ', '- name: ', '? ', '', '---', '...', '%YAML 1.2', '- - '),
        ),
        fc.constantFrom(...VALUES),
      )
      .map(([indent, lead, value]) => indent + lead + value),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** kep.yaml or PRR text: YAML-ish lines, a good file with random lines spliced in, or random bytes. */
const TEXT = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.array(LINE, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol)) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(GOOD_KEP, GOOD_PRR), fc.array(fc.tuple(fc.nat(40), fc.nat(2), LINE), { maxLength: 6 })).map(([good, splices]) => {
      const lines = good.split('\n');
      for (const [at, remove, line] of splices) lines.splice(at % (lines.length + 1), remove, line);
      return lines.join('\n');
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 400 }), fc.boolean()).map(([bytes, utf8]) => Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1')),
  },
);

/** Everything asked of the metadata files and of the README that reads them. */
function answers(analyzer: KepAnalyzer, files: WorkspaceFiles, kepYaml: string, prr: string, spots: Spot[]): { kep: unknown; prr: unknown; readme: unknown } {
  const ask = (file: string, text: string) => ({
    findings: analyzeMetadataFile(file, text, files, SETTINGS),
    at: spots.map((s) => {
      const { line, character } = positionIn(text, s);
      return {
        completions: completeMetadata({ path: file, text, line, character, files, today: TODAY }),
        hover: hoverMetadata({ path: file, text, line, character, files }),
      };
    }),
  });
  const index = MarkdownIndex.fromText(SAMPLE_README);
  const ctx = analyzer.context(README, index);
  const readme = {
    findings: analyzer.analyze(README, index),
    at: spots.map((s) => {
      const { line, character } = positionIn(SAMPLE_README, s);
      return {
        hover: hoverReadme(ctx, line, character),
        completions: completeReadmeBullet({ path: README, lines: index.lines(), line, character, files }),
      };
    }),
  };
  return { kep: ask(KEP_YAML, kepYaml), prr: ask(PRR, prr), readme };
}

describeWithSample('fuzz: random kep.yaml and PRR files through metadata analysis, completion and hover', () => {
  afterEach(() => assert.deepEqual(caughtErrors.splice(0), [], 'errors caught inside completion or hover'));

  it('puts no range inside a CRLF line break (found by this fuzz)', () => {
    const text = 'title: "\r\n- "2026-13-45"';
    const files = workspace({ kepYaml: text, readme: SAMPLE_README });
    assert.deepEqual(rangesOutside(text, answers(new KepAnalyzer(files), files, text, GOOD_PRR, [{ at: 0, character: 0 }]).kep), []);
  });

  it('never throws, keeps ranges inside the file, and a long-lived analyzer answers like a new one', function () {
    this.timeout(180_000);
    // One analyzer for the whole run, as in the server: its caches see every random kep.yaml in turn.
    const files = workspace({ readme: SAMPLE_README });
    const longLived = new KepAnalyzer(files);
    fc.assert(
      fc.property(TEXT, TEXT, fc.array(spotArb, { minLength: 1, maxLength: 4 }), (kepYaml, prr, spots) => {
        files.set(KEP_YAML, kepYaml);
        files.set(PRR, prr);
        const got = answers(longLived, files, kepYaml, prr, spots);
        const fresh = workspace({ kepYaml, prr, readme: SAMPLE_README });
        assert.deepEqual(got, answers(new KepAnalyzer(fresh), fresh, kepYaml, prr, spots));
        assert.deepEqual(rangesOutside(kepYaml, got.kep), [], 'kep.yaml ranges');
        assert.deepEqual(rangesOutside(prr, got.prr), [], 'PRR ranges');
        assert.deepEqual(rangesOutside(SAMPLE_README, got.readme), [], 'README ranges');
      }),
      { numRuns: 150, ...REPRODUCE },
    );
  });
});
