// npm run bench: the cost of a one-character edit through to fresh diagnostics on the largest
// sample KEP README, beside a full remark parse of the same text measured in the same run.
// Reported as medians and as a ratio; never asserted in tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { remark } from 'remark';
import { MarkdownIndex } from '../server/src/model/markdownIndex';
import { FileWorkspace, toCorePath } from '../server/src/fileWorkspace';
import { KepAnalyzer } from '../server/src/service/analysis';

const SAMPLE = process.env.KEP_SAMPLE ?? path.resolve(__dirname, '../../..', 'shared/enhancements-sample');
const EDITS = Number(process.env.BENCH_EDITS ?? 1000);
const PARSES = Number(process.env.BENCH_PARSES ?? 15);

function readmes(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...readmes(full));
    else if (name === 'README.md') out.push(full);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** A small deterministic generator, so runs edit the same places. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const largest = readmes(path.join(SAMPLE, 'keps'))
  .map((p) => ({ p, size: statSync(p).size }))
  .sort((a, b) => b.size - a.size)[0].p;
const text = readFileSync(largest, 'utf8');
const corePath = toCorePath(largest);
const analyzer = new KepAnalyzer(new FileWorkspace());

// Full parse: what a whole-document Markdown tool pays per change.
const processor = remark();
processor.parse(text);
const parseTimes: number[] = [];
for (let i = 0; i < PARSES; i++) {
  const t = process.hrtime.bigint();
  processor.parse(text);
  parseTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
}

// Incremental: apply an edit to the index, then run every rule for fresh diagnostics.
const index = MarkdownIndex.fromText(text);
analyzer.analyze(corePath, index);
const next = random(42);
const editTimes: number[] = [];
let findings = 0;
for (let i = 0; i < EDITS; i++) {
  const line = Math.floor(next() * index.lineCount);
  const character = Math.floor(next() * (index.line(line).length + 1));
  const t = process.hrtime.bigint();
  index.applyEdit({ startLine: line, startCharacter: character, endLine: line, endCharacter: character, text: 'x' });
  findings = analyzer.analyze(corePath, index).length;
  editTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  // Undo outside the timing, so every measured edit starts from the original text.
  index.applyEdit({ startLine: line, startCharacter: character, endLine: line, endCharacter: character + 1, text: '' });
  analyzer.analyze(corePath, index);
}

const parse = median(parseTimes);
const edit = median(editTimes);
const rel = path.relative(SAMPLE, largest);
console.log(`vscode-kep benchmark  ${new Date().toISOString()}  node ${process.version}  ${os.cpus()[0]?.model ?? ''} x${os.cpus().length}`);
console.log(`document: ${rel} (${(text.length / 1024).toFixed(0)} KiB, ${index.lineCount} lines, ${findings} findings)`);
console.log(`full remark parse          median ${parse.toFixed(2)} ms over ${PARSES} runs`);
console.log(`edit -> fresh diagnostics  median ${edit.toFixed(3)} ms, p95 ${percentile(editTimes, 0.95).toFixed(3)} ms over ${EDITS} one-character edits`);
console.log(`ratio: the incremental path is ${(parse / edit).toFixed(1)}x faster than a full remark parse`);
