// npm run bench: every performance figure of vscode-kep beside the same measure of a peer, taken in
// the same run, as medians (and p95) and ratios. Writes bench/RESULTS.md, bench/growth.svg and
// bench/growth.png (the SVG drawn by Chromium, for the README) after a full run. Never asserted in
// tests: machines differ, ratios taken in one run do not.
//
// Env: BENCH_ONLY           comma-separated parts: edits,growth,cli,memory,editor,metadata,index
//                          (default: all); chart alone measures nothing and redraws growth.png from
//                          growth.svg. metadata: kep.yaml and approval file analysis per call beside a
//                          bare YAML parse; index: MarkdownIndex.applyEdit beside TextDocument.update;
//                          responsiveness: a hover while the server is busy beside one on an idle server;
//                          worst: the worst inputs under the limits beside the largest README
//      BENCH_WORST_EDITS    one-character edits in each worst input (default 20)
//      BENCH_EDITS          one-character edits on the largest README (default 1000)
//      BENCH_GROWTH_EDITS   edits per growth document and server (default 1000, as the issue asks)
//      BENCH_PEER_RUNS      edited texts for markdownlint and remark (default 30)
//      BENCH_CLI_RUNS       runs of each command-line linter (default 3)
//      BENCH_METADATA_ROUNDS  timed analyses of each sample kep.yaml and approval file (default 30)
//      BENCH_INDEX_EDITS    places of the index measure, each an insert and a delete (default 5000)
//      BENCH_WRITE=1        write RESULTS.md, growth.svg and growth.png after a partial run too
//      CHROMIUM             browser that draws growth.png (default /usr/bin/chromium; none: no PNG)
//      BENCH_SERVER_NODE_ARGS  node options for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//      KEP_SAMPLE           the enhancements sample (default ../shared/enhancements-sample)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchCli, type CliResult } from './cliBench';
import { benchIndex, benchMetadata, type IndexResult, type MetadataResult } from './coreBench';
import { benchEditor, codeServerVersion, type EditorResult } from './editorBench';
import { growthSvg, type GrowthPoint } from './growthChart';
import { writeSvgAsPng } from './growthPng';
import { editPlaces, FLOOR_SERVER, measureEdits, OUR_SERVER, withInsert } from './lspSession';
import { benchMemory, type MemoryResult } from './memoryBench';
import { benchResponsiveness } from './responsivenessBench';
import { benchWorstInputs } from './worstInputBench';
import { timeMarkdownlint, timeRemark } from './peers';
import { machine, versions, writeResults, type Results } from './report';
import { growthDocuments, kepReadmes, kepWorkspaceWith, largestReadme, markdownlintConfig, SAMPLE, sampleKepFiles, sampleMetadataFiles } from './sample';
import { fmtBytes, fmtMs, fmtRatio, fmtUs, median, percentile } from './stats';

const PARTS = ['edits', 'growth', 'cli', 'memory', 'editor', 'metadata', 'index', 'responsiveness', 'worst'] as const;
const only = new Set((process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((s) => s.trim()));
const EDITS = Number(process.env.BENCH_EDITS ?? 1000);
const GROWTH_EDITS = Number(process.env.BENCH_GROWTH_EDITS ?? 1000);
const PEER_RUNS = Number(process.env.BENCH_PEER_RUNS ?? 30);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const METADATA_ROUNDS = Number(process.env.BENCH_METADATA_ROUNDS ?? 30);
const INDEX_EDITS = Number(process.env.BENCH_INDEX_EDITS ?? 5000);
const BENCH_DIR = path.resolve(__dirname, '../../bench');

function say(line = ''): void {
  console.log(line);
}

async function edits(): Promise<Results['edits']> {
  const file = largestReadme();
  const text = readFileSync(file, 'utf8');
  const places = editPlaces(text, EDITS);
  say(`\n== edit → fresh diagnostics: ${path.relative(SAMPLE, file)} (${fmtBytes(Buffer.byteLength(text))}, ${text.split('\n').length} lines)`);
  const ours = await measureEdits(OUR_SERVER, SAMPLE, file, text, places);
  // The peers lint the text as it is after each of the first PEER_RUNS edits.
  const edited = places.slice(0, PEER_RUNS).map((p) => withInsert(text, p));
  const markdownlint = timeMarkdownlint(edited, markdownlintConfig());
  const remark = timeRemark(edited);
  const r = {
    document: path.relative(SAMPLE, file),
    bytes: Buffer.byteLength(text),
    edits: EDITS,
    peerRuns: PEER_RUNS,
    ours: { median: median(ours.times), p95: percentile(ours.times, 0.95), diagnostics: ours.diagnostics.length },
    markdownlint: { median: median(markdownlint.times), p95: percentile(markdownlint.times, 0.95), findings: markdownlint.findings },
    remark: { median: median(remark), p95: percentile(remark, 0.95) },
  };
  say(`vscode-kep (real server, stdio)  median ${fmtMs(r.ours.median)}  p95 ${fmtMs(r.ours.p95)}  over ${EDITS} edits (${r.ours.diagnostics} diagnostics)`);
  say(
    `markdownlint lint (MD043)        median ${fmtMs(r.markdownlint.median)}  p95 ${fmtMs(r.markdownlint.p95)}  over ${PEER_RUNS} texts  → ratio ${fmtRatio(r.markdownlint.median / r.ours.median)} (target ≥ 50×: ${r.markdownlint.median / r.ours.median >= 50 ? 'met' : 'NOT met'})`,
  );
  say(
    `full remark parse                median ${fmtMs(r.remark.median)}  p95 ${fmtMs(r.remark.p95)}  over ${PEER_RUNS} texts  → ratio ${fmtRatio(r.remark.median / r.ours.median)}`,
  );
  return r;
}

async function growth(): Promise<Results['growth']> {
  say(`\n== growth: the same edit measure on concatenated sample KEPs, ${GROWTH_EDITS} edits per size`);
  const points: NonNullable<Results['growth']>['points'] = [];
  for (const doc of growthDocuments()) {
    const ws = kepWorkspaceWith(doc.text);
    try {
      const places = editPlaces(doc.text, GROWTH_EDITS);
      const ours = await measureEdits(OUR_SERVER, ws.root, ws.readme, doc.text, places);
      const floor = await measureEdits(FLOOR_SERVER, ws.root, ws.readme, doc.text, places);
      // The floor again, now sending our diagnostics for this document on every edit.
      const wire = await measureEdits(FLOOR_SERVER, ws.root, ws.readme, doc.text, places, 20, { diagnostics: ours.diagnostics });
      const p = {
        label: doc.label,
        bytes: Buffer.byteLength(doc.text),
        diagnostics: ours.diagnostics.length,
        ours: { median: median(ours.times), p95: percentile(ours.times, 0.95) },
        floor: { median: median(floor.times), p95: percentile(floor.times, 0.95) },
        wireFloor: { median: median(wire.times), p95: percentile(wire.times, 0.95) },
      };
      points.push(p);
      say(
        `${doc.label.padEnd(7)} (${fmtBytes(p.bytes).padStart(9)}, ${String(p.diagnostics).padStart(4)} diagnostics)  ours ${fmtMs(p.ours.median)} (p95 ${fmtMs(p.ours.p95)})  floor ${fmtMs(p.floor.median)} (p95 ${fmtMs(p.floor.p95)})  floor+our diagnostics ${fmtMs(p.wireFloor.median)}  ours − floor ${fmtMs(p.ours.median - p.floor.median)}  ours − (floor+diagnostics) ${fmtMs(p.ours.median - p.wireFloor.median)}`,
      );
    } finally {
      ws.remove();
    }
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const oursGrowth = last.ours.median - first.ours.median;
  const floorGrowth = last.floor.median - first.floor.median;
  const wireGrowth = last.wireFloor.median - first.wireFloor.median;
  say(
    `growth ${first.label} → ${last.label}: ours +${fmtMs(oursGrowth)}, floor +${fmtMs(floorGrowth)} → ratio ${fmtRatio(oursGrowth / floorGrowth)} (target ≤ 2×: ${oursGrowth <= 2 * floorGrowth ? 'met' : 'NOT met'})`,
  );
  say(`  beside the floor that sends our diagnostics: +${fmtMs(wireGrowth)} → ratio ${fmtRatio(oursGrowth / wireGrowth)}`);
  return { edits: GROWTH_EDITS, points, oursGrowth, floorGrowth, wireGrowth };
}

function cli(): CliResult {
  const readmes = sampleKepFiles().readmes;
  say(`\n== kep-lint over the sample's ${readmes.length} READMEs beside markdownlint-cli2 (same files, MD043), median of ${CLI_RUNS} runs`);
  const r = benchCli(SAMPLE, readmes, markdownlintConfig(), CLI_RUNS);
  const rss = (b: number | undefined): string => (b === undefined ? 'n/a' : fmtBytes(b));
  say(`kep-lint           wall ${fmtMs(r.ours.wallMs)}  peak RSS ${rss(r.ours.maxRss)}`);
  say(
    `markdownlint-cli2  wall ${fmtMs(r.peer.wallMs)}  peak RSS ${rss(r.peer.maxRss)}  → time ratio ${fmtRatio(r.peer.wallMs / r.ours.wallMs)}, memory ratio ${r.ours.maxRss && r.peer.maxRss ? fmtRatio(r.peer.maxRss / r.ours.maxRss) : 'n/a'}`,
  );
  return r;
}

async function memory(): Promise<MemoryResult> {
  const { readmes, kepYamls } = sampleKepFiles();
  const files = [...readmes, ...kepYamls];
  say(`\n== server memory with every sample KEP open (${readmes.length} READMEs + ${kepYamls.length} kep.yaml)`);
  const r = await benchMemory(SAMPLE, files);
  say(`vscode-kep  RSS ${fmtBytes(r.ours.rss)}  (all diagnostics in ${fmtMs(r.ours.openMs)})`);
  say(`floor       RSS ${fmtBytes(r.floor.rss)}  → ours / floor ${fmtRatio(r.ours.rss / r.floor.rss)}, ours − floor ${fmtBytes(r.ours.rss - r.floor.rss)}`);
  return r;
}

function editor(): EditorResult | { error: string } {
  const file = largestReadme();
  say(`\n== in the editor (code-server ${codeServerVersion() ?? '?'}, headless Chromium): cold start to first diagnostics on ${path.relative(SAMPLE, file)}`);
  const r = benchEditor(readFileSync(file, 'utf8'));
  if ('error' in r) {
    say(`not measured: ${r.error}`);
    return r;
  }
  say(
    `vscode-kep: activate() → first KEP diagnostics ${fmtMs(r.firstDiagnosticsMs ?? NaN)} (${r.kepDiagnostics} diagnostics; opening the document took ${fmtMs(r.openMs ?? NaN)})`,
  );
  if (r.peerFirstDiagnosticsMs !== undefined) {
    say(
      `VS Code Markdown link validation: open → first diagnostic ${fmtMs(r.peerFirstDiagnosticsMs)} → ratio ${fmtRatio(r.peerFirstDiagnosticsMs / (r.firstDiagnosticsMs ?? NaN))}`,
    );
  } else say(`VS Code Markdown link validation: not measured (${r.peerError})`);
  return r;
}

async function metadata(): Promise<MetadataResult> {
  const { kepYamls, prrApprovals } = sampleMetadataFiles();
  say(
    `\n== metadata analysis per call: ${kepYamls.length} kep.yaml and ${prrApprovals.length} approval files of the sample, ${METADATA_ROUNDS} calls each, beside a bare yaml parseDocument of the same text`,
  );
  const r = await benchMetadata(kepYamls, prrApprovals, METADATA_ROUNDS);
  for (const [name, k] of [
    ['kep.yaml     ', r.kepYaml],
    ['approval file', r.prr],
  ] as const) {
    say(
      `${name}  analysis median ${fmtUs(k.ours.median)} (p95 ${fmtUs(k.ours.p95)})  parseDocument median ${fmtUs(k.parse.median)} (p95 ${fmtUs(k.parse.p95)})  → analysis / parse ${fmtRatio(k.ours.median / k.parse.median)}  (${k.findings} findings)`,
    );
  }
  return r;
}

function index(): IndexResult {
  const file = largestReadme();
  const text = readFileSync(file, 'utf8');
  say(
    `\n== index: one-character edit in ${path.relative(SAMPLE, file)} (${fmtBytes(Buffer.byteLength(text))}), ${INDEX_EDITS} places, an insert and a delete each, beside TextDocument.update`,
  );
  const r = benchIndex(path.relative(SAMPLE, file), text, INDEX_EDITS);
  say(`MarkdownIndex.applyEdit  median ${fmtUs(r.ours.median)}  p95 ${fmtUs(r.ours.p95)}`);
  say(
    `TextDocument.update      median ${fmtUs(r.floor.median)}  p95 ${fmtUs(r.floor.p95)}  → TextDocument / index ${fmtRatio(r.floor.median / r.ours.median)}`,
  );
  return r;
}

/** growth.png from growth.svg as it is on disk; without Chromium, a note instead of a failure. */
async function chartPng(): Promise<void> {
  const svg = readFileSync(path.join(BENCH_DIR, 'growth.svg'), 'utf8');
  const r = await writeSvgAsPng(svg, path.join(BENCH_DIR, 'growth.png'));
  say('written' in r ? 'wrote bench/growth.png' : `bench/growth.png not drawn: ${r.skipped}`);
}

async function main(): Promise<void> {
  if (only.size === 1 && only.has('chart')) return chartPng();
  const m = machine();
  const v = versions();
  say(`vscode-kep benchmarks  ${new Date().toISOString()}`);
  say(`${m.cpu} ×${m.cpus}, ${fmtBytes(m.memory)}, ${m.os}, node ${m.node}, load average ${m.load}`);
  say(
    `vscode-kep ${v.vscodeKep}, markdownlint ${v.markdownlint}, markdownlint-cli2 ${v.markdownlintCli2}, remark ${v.remark}, code-server ${v.codeServer ?? 'not installed'}`,
  );
  say(`sample: ${SAMPLE} (${kepReadmes().length} KEP READMEs and the template)`);
  const results: Results = { date: new Date().toISOString(), machine: m, versions: v };
  // The in-process parts first, while this process has not yet run markdownlint and remark.
  if (only.has('metadata')) results.metadata = await metadata();
  if (only.has('index')) results.index = index();
  if (only.has('edits')) results.edits = await edits();
  if (only.has('growth')) results.growth = await growth();
  if (only.has('cli')) results.cli = cli();
  if (only.has('memory')) results.memory = await memory();
  if (only.has('editor')) results.editor = editor();
  if (only.has('responsiveness')) {
    say('\n== responsiveness: a hover on a small README while the server is busy, beside the same hover idle');
    results.responsiveness = await benchResponsiveness(say);
  }
  if (only.has('worst')) {
    say('\n== worst inputs under the limits: open → first diagnostics, and one-character edits in them, beside the largest README');
    results.worst = await benchWorstInputs(say, Number(process.env.BENCH_WORST_EDITS ?? 20));
  }

  const complete = PARTS.every((p) => only.has(p));
  if (complete || process.env.BENCH_WRITE === '1') {
    if (results.growth) {
      const points: GrowthPoint[] = results.growth.points.map((p) => ({
        label: p.label,
        bytes: p.bytes,
        ours: p.ours.median,
        floor: p.floor.median,
        wireFloor: p.wireFloor.median,
      }));
      writeFileSync(path.join(BENCH_DIR, 'growth.svg'), growthSvg(points, 'Edit → fresh diagnostics vs document size'));
    }
    writeResults(path.join(BENCH_DIR, 'RESULTS.md'), results);
    say(`\nwrote bench/RESULTS.md${results.growth ? ' and bench/growth.svg' : ''}`);
    if (results.growth) await chartPng();
  } else say('\npartial run (BENCH_ONLY): bench/RESULTS.md not written (BENCH_WRITE=1 writes it anyway)');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
