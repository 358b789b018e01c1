// In-process measures of two pieces of the server that run on every keystroke, each beside a floor
// timed in the same run on the same input, interleaved with it call by call:
// - metadata: analyzeKepYaml / analyzePrrApproval on every kep.yaml and approval file of the sample,
//   beside a bare YAML parse of the same text (the `yaml` package's parseDocument);
// - index: MarkdownIndex.applyEdit of one-character edits in the largest README, beside
//   vscode-languageserver-textdocument's TextDocument.update with the same edit.
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { NodeFileSource, toCorePath } from '../server/src/node/fileSource';
import { WorkspaceSnapshot } from '../server/src/core/workspace/snapshot';
import { settle } from '../server/src/core/workspace/settle';
import { MarkdownIndex } from '../server/src/core/markdown/markdownIndex';
import { DEFAULT_SETTINGS } from '../server/src/core/features/analysis';
import { analyzeKepYaml, analyzePrrApproval } from '../server/src/core/features/metadataAnalysis';
import { withinLimits } from '../server/src/core/features/metadataFiles';
import { median, msSince, percentile, seededRandom } from './stats';

interface Spread {
  median: number;
  p95: number;
}

export interface MetadataKind {
  files: number;
  /** Total characters of those files. */
  chars: number;
  ours: Spread;
  parse: Spread;
  findings: number;
}

export interface MetadataResult {
  rounds: number;
  kepYaml: MetadataKind;
  prr: MetadataKind;
}

export interface IndexResult {
  /** The edited document, as the results name it (relative to the sample). */
  document: string;
  bytes: number;
  lines: number;
  /** Places edited; each gets an insert and the delete that undoes it, so twice as many edits are timed. */
  places: number;
  ours: Spread;
  floor: Spread;
}

/**
 * Milliseconds per call of the analysis and of a bare parseDocument, for every file, `rounds` times
 * after one untimed round (which also fills the workspace's read cache, as a running server has).
 * The two alternate which goes first, so neither always runs on a cache the other just warmed.
 */
function timeMetadata(paths: string[], rounds: number, analyze: (path: string, text: string) => unknown[]): MetadataKind {
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const corePaths = paths.map(toCorePath);
  const ours: number[] = [];
  const parse: number[] = [];
  let findings = 0;
  for (let i = 0; i < paths.length; i++) {
    findings += analyze(corePaths[i]!, texts[i]!).length;
    parseDocument(texts[i]!);
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < paths.length; i++) {
      const path = corePaths[i]!;
      const text = texts[i]!;
      const timeOurs = (): void => {
        const start = process.hrtime.bigint();
        analyze(path, text);
        ours.push(msSince(start));
      };
      const timeParse = (): void => {
        const start = process.hrtime.bigint();
        parseDocument(text);
        parse.push(msSince(start));
      };
      if ((r + i) % 2 === 0) {
        timeOurs();
        timeParse();
      } else {
        timeParse();
        timeOurs();
      }
    }
  }
  return {
    files: paths.length,
    chars: texts.reduce((n, t) => n + t.length, 0),
    ours: { median: median(ours), p95: percentile(ours, 0.95) },
    parse: { median: median(parse), p95: percentile(parse, 0.95) },
    findings,
  };
}

/**
 * The metadata analysis as the server runs it on a change: against a WorkspaceSnapshot holding the
 * real files each analysis reads (README, OWNERS_ALIASES, approval file), loaded beforehand as the
 * server loads them and then trusted as the server trusts what its file watchers cover, with the
 * size limits the server applies, and the default settings.
 */
export async function benchMetadata(kepYamls: string[], prrApprovals: string[], rounds: number): Promise<MetadataResult> {
  const snapshot = new WorkspaceSnapshot();
  const source = new NodeFileSource();
  const files = withinLimits(snapshot);
  const kepYaml = (path: string, text: string) => analyzeKepYaml(path, text, files, DEFAULT_SETTINGS);
  const prr = (path: string, text: string) => analyzePrrApproval(path, text, files, DEFAULT_SETTINGS);
  for (const [paths, analyze] of [
    [kepYamls, kepYaml],
    [prrApprovals, prr],
  ] as const) {
    for (const path of paths) {
      const text = readFileSync(path, 'utf8');
      await settle(snapshot, source, () => analyze(toCorePath(path), text));
    }
  }
  return { rounds, kepYaml: timeMetadata(kepYamls, rounds, kepYaml), prr: timeMetadata(prrApprovals, rounds, prr) };
}

/**
 * One-character inserts at `places` seeded random places of `text`, each undone by a delete, both
 * timed, on a MarkdownIndex and on a TextDocument holding the same text; `warmup` more places first,
 * untimed. The two take turns in blocks of BLOCK places (the same places for both, alternating which
 * goes first): edit by edit, the floor's 141 KB string copies and the collections they cause would
 * land in the index's timings (its median doubles), and blocks still share any drift in the load.
 */
export function benchIndex(document: string, text: string, places: number, warmup = 1000): IndexResult {
  const BLOCK = 250;
  const index = MarkdownIndex.fromText(text);
  let doc = TextDocument.create('file:///bench/README.md', 'markdown', 0, text);
  let version = 0;
  const rnd = seededRandom(7);
  // Every edit is undone before the next, so each place is drawn on the original text.
  const at: { line: number; ch: number }[] = [];
  for (let n = 0; n < warmup + places; n++) {
    const line = Math.floor(rnd() * index.lineCount);
    at.push({ line, ch: Math.floor(rnd() * (index.line(line).length + 1)) });
  }
  const ours: number[] = [];
  const floor: number[] = [];
  const onIndex = (from: number, to: number, out: number[] | undefined): void => {
    for (let n = from; n < to; n++) {
      const { line, ch } = at[n]!;
      let start = process.hrtime.bigint();
      index.applyEdit({ startLine: line, startCharacter: ch, endLine: line, endCharacter: ch, text: 'x' });
      out?.push(msSince(start));
      start = process.hrtime.bigint();
      index.applyEdit({ startLine: line, startCharacter: ch, endLine: line, endCharacter: ch + 1, text: '' });
      out?.push(msSince(start));
    }
  };
  const onDoc = (from: number, to: number, out: number[] | undefined): void => {
    for (let n = from; n < to; n++) {
      const { line, ch } = at[n]!;
      const insert = { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' };
      const remove = { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' };
      let start = process.hrtime.bigint();
      doc = TextDocument.update(doc, [insert], ++version);
      out?.push(msSince(start));
      start = process.hrtime.bigint();
      doc = TextDocument.update(doc, [remove], ++version);
      out?.push(msSince(start));
    }
  };
  onIndex(0, warmup, undefined);
  onDoc(0, warmup, undefined);
  for (let from = warmup, b = 0; from < at.length; from += BLOCK, b++) {
    const to = Math.min(at.length, from + BLOCK);
    if (b % 2 === 0) {
      onIndex(from, to, ours);
      onDoc(from, to, floor);
    } else {
      onDoc(from, to, floor);
      onIndex(from, to, ours);
    }
  }
  if (index.getText() !== text || doc.getText() !== text) throw new Error('index bench: the edits did not undo to the original text');
  return {
    document,
    bytes: Buffer.byteLength(text),
    lines: index.lineCount,
    places,
    ours: { median: median(ours), p95: percentile(ours, 0.95) },
    floor: { median: median(floor), p95: percentile(floor, 0.95) },
  };
}
