// bench/RESULTS.md: one run's figures with the machine, the versions and the date.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliResult } from './cliBench';
import type { ResponsivenessResult } from './responsivenessBench';
import type { WorstInputResult } from './worstInputBench';
import type { IndexResult, MetadataResult } from './coreBench';
import { codeServerVersion, type EditorResult } from './editorBench';
import type { MemoryResult } from './memoryBench';
import { fmtBytes, fmtMs, fmtRatio, fmtUs } from './stats';

const ROOT = path.resolve(__dirname, '../..');

interface Spread {
  median: number;
  p95: number;
}

export interface Results {
  date: string;
  machine: ReturnType<typeof machine>;
  versions: ReturnType<typeof versions>;
  edits?: {
    document: string;
    bytes: number;
    edits: number;
    peerRuns: number;
    ours: Spread & { diagnostics: number };
    markdownlint: Spread & { findings: number };
    remark: Spread;
  };
  growth?: {
    edits: number;
    points: { label: string; bytes: number; diagnostics: number; ours: Spread; floor: Spread; wireFloor: Spread }[];
    oursGrowth: number;
    floorGrowth: number;
    wireGrowth: number;
  };
  cli?: CliResult;
  memory?: MemoryResult;
  editor?: EditorResult | { error: string };
  metadata?: MetadataResult;
  index?: IndexResult;
  responsiveness?: ResponsivenessResult;
  worst?: WorstInputResult;
}

export function machine(): { cpu: string; cpus: number; memory: number; os: string; node: string; load: string } {
  let distro = '';
  try {
    distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    // Not Linux, or no os-release: the kernel line below still says what it is.
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: os.cpus().length,
    memory: os.totalmem(),
    os: `${distro ? distro + ', ' : ''}${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // Other work on the machine inflates every time; the ratios, taken in the same run, less so.
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  };
}

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function versions(): { vscodeKep: string; markdownlint: string; markdownlintCli2: string; remark: string; codeServer: string | undefined } {
  return {
    vscodeKep: packageVersion('.'),
    markdownlint: packageVersion('node_modules/markdownlint'),
    markdownlintCli2: packageVersion('node_modules/markdownlint-cli2'),
    remark: packageVersion('node_modules/remark'),
    codeServer: codeServerVersion(),
  };
}

const rss = (b: number | undefined): string => (b === undefined ? 'n/a' : fmtBytes(b));

export function renderResults(r: Results): string {
  const m = r.machine;
  const v = r.versions;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push('Written by `npm run bench` (bench/bench.ts); each figure is a median over many runs, beside the same measure of a peer taken in the same run.', '');
  out.push(`- Date: ${r.date}`);
  out.push(`- Machine: ${m.cpu} × ${m.cpus}, ${fmtBytes(m.memory)} RAM, ${m.os}; load average at the start (1 / 5 / 15 min): ${m.load}`);
  out.push(
    `- Node ${m.node}; vscode-kep ${v.vscodeKep}, markdownlint ${v.markdownlint}, markdownlint-cli2 ${v.markdownlintCli2}, remark ${v.remark}, code-server ${v.codeServer ?? 'not installed'}`,
  );
  out.push('');
  if (r.edits) {
    const e = r.edits;
    const ml = e.markdownlint.median / e.ours.median;
    out.push(`## Edit → fresh diagnostics`, '');
    out.push(
      `One-character edits at random places in \`${e.document}\` (${fmtBytes(e.bytes)}, the sample's largest README). Ours: the real server (\`dist/server.js --stdio\`), from sending \`didChange\` (version v) to receiving \`publishDiagnostics\` for version v, ${e.edits} edits, each undone outside the timing. Peers: in-process, on the text after each of the first ${e.peerRuns} of those edits.`,
      '',
    );
    out.push('| measure | median | p95 | peer / ours |', '|---|---:|---:|---:|');
    out.push(`| vscode-kep, edit → diagnostics (${e.ours.diagnostics} diagnostics) | ${fmtMs(e.ours.median)} | ${fmtMs(e.ours.p95)} | |`);
    out.push(
      `| markdownlint \`lint\`, default rules + MD043 (template headings), ${e.markdownlint.findings} findings | ${fmtMs(e.markdownlint.median)} | ${fmtMs(e.markdownlint.p95)} | ${fmtRatio(ml)} |`,
    );
    out.push(`| full remark parse | ${fmtMs(e.remark.median)} | ${fmtMs(e.remark.p95)} | ${fmtRatio(e.remark.median / e.ours.median)} |`);
    out.push('', `Target: at least 50× faster than markdownlint: **${ml >= 50 ? 'met' : 'not met'}** (${fmtRatio(ml)}).`, '');
  }
  if (r.growth) {
    const g = r.growth;
    out.push('## How the edit cost grows with the document', '');
    out.push(
      `The same measure (${g.edits} edits per size and server) on sample KEP READMEs concatenated to about 10 KB, 50 KB, 170 KB and 1 MB, each placed as \`keps/sig-x/9999-growth/README.md\` with a kep.yaml in a temporary KEP workspace. Floor: \`bench/floorServer.ts\`, a server that only keeps the text (TextDocuments, incremental sync) and publishes empty diagnostics. "Floor + our diagnostics": the same floor publishing, on every edit, the diagnostics our server gave for that document, so it also pays for sending and reading them. That floor encodes the whole list on every edit and applies edits to TextDocuments, which recounts line offsets; ours keeps lines and encodes an unchanged list once (\`server/src/node/messageEncoder.ts\`), so on large documents ours can come in below it.`,
      '',
    );
    out.push(
      '| size | diagnostics | ours median (p95) | floor median (p95) | floor + our diagnostics | ours − floor | ours − (floor + diagnostics) |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const p of g.points) {
      out.push(
        `| ${p.label} (${fmtBytes(p.bytes)}) | ${p.diagnostics} | ${fmtMs(p.ours.median)} (${fmtMs(p.ours.p95)}) | ${fmtMs(p.floor.median)} (${fmtMs(p.floor.p95)}) | ${fmtMs(p.wireFloor.median)} | ${fmtMs(p.ours.median - p.floor.median)} | ${fmtMs(p.ours.median - p.wireFloor.median)} |`,
      );
    }
    const first = g.points[0]!;
    const last = g.points[g.points.length - 1]!;
    out.push(
      '',
      `Growth ${first.label} → ${last.label}: ours +${fmtMs(g.oursGrowth)}, floor +${fmtMs(g.floorGrowth)}: ratio ${fmtRatio(g.oursGrowth / g.floorGrowth)}. Target ≤ 2× the floor's growth: **${g.oursGrowth <= 2 * g.floorGrowth ? 'met' : 'not met'}**. Beside the floor that sends our diagnostics (+${fmtMs(g.wireGrowth)}): ${fmtRatio(g.oursGrowth / g.wireGrowth)}.`,
      '',
      '![Edit → diagnostics vs document size](growth.svg)',
      '',
    );
  }
  if (r.cli) {
    const c = r.cli;
    out.push('## Command line over the whole sample', '');
    out.push(
      `\`kep-lint\` beside \`markdownlint-cli2\` with the same configuration (default rules, MD043 with the template's headings) over the same ${c.files} README files; median of ${c.runs} runs each. Peak memory: ${c.memorySource}.`,
      '',
    );
    out.push('| tool | wall time | peak RSS |', '|---|---:|---:|');
    out.push(`| kep-lint | ${fmtMs(c.ours.wallMs)} | ${rss(c.ours.maxRss)} |`);
    out.push(`| markdownlint-cli2 | ${fmtMs(c.peer.wallMs)} | ${rss(c.peer.maxRss)} |`);
    out.push(
      `| markdownlint-cli2 / kep-lint | ${fmtRatio(c.peer.wallMs / c.ours.wallMs)} | ${c.ours.maxRss && c.peer.maxRss ? fmtRatio(c.peer.maxRss / c.ours.maxRss) : 'n/a'} |`,
      '',
    );
  }
  if (r.memory) {
    const mem = r.memory;
    out.push('## Server memory with the whole sample open', '');
    out.push(
      `Every sample README and kep.yaml (${mem.documents} documents) opened in one server over stdio, all diagnostics received, then VmRSS read from /proc. Peer: the floor server holding the same documents.`,
      '',
    );
    out.push('| server | RSS | all diagnostics received after |', '|---|---:|---:|');
    out.push(`| vscode-kep | ${fmtBytes(mem.ours.rss)} | ${fmtMs(mem.ours.openMs)} |`, `| floor | ${fmtBytes(mem.floor.rss)} | ${fmtMs(mem.floor.openMs)} |`);
    out.push(`| vscode-kep / floor | ${fmtRatio(mem.ours.rss / mem.floor.rss)} | |`, '');
  }
  if (r.editor) {
    out.push('## In the editor: cold start to first diagnostics', '');
    out.push(
      "code-server with headless Chromium (`scripts/run-editor-tests.mjs`, session `bench`, entry `test/editor/bench/index.ts`), one run, on the sample's largest README placed as a KEP (no kep.yaml or template in the workspace, so the extension does not start by itself) with an unpaired UNRESOLVED marker added, so that there is a first diagnostic to wait for. Ours: the README is open, then the extension is activated; from `activate()` to the first KEP diagnostics (starting the server included). Peer: VS Code's built-in Markdown link validation (`markdown.validate.enabled`), from opening a copy of the same text with one broken link to its first diagnostic (the Markdown extension's activation and language server included).",
      '',
    );
    const ed = r.editor;
    if ('error' in ed) out.push(`Not measured: ${ed.error.split('\n')[0]}`, '');
    else {
      out.push('| measure | time |', '|---|---:|');
      out.push(`| vscode-kep: activate → first KEP diagnostics (${ed.kepDiagnostics} diagnostics) | ${fmtMs(ed.firstDiagnosticsMs ?? NaN)} |`);
      out.push(
        `| VS Code Markdown link validation: open → first diagnostic | ${ed.peerFirstDiagnosticsMs === undefined ? `n/a (${ed.peerError})` : fmtMs(ed.peerFirstDiagnosticsMs)} |`,
      );
      if (ed.peerFirstDiagnosticsMs !== undefined)
        out.push(`| link validation / ours | ${fmtRatio(ed.peerFirstDiagnosticsMs / (ed.firstDiagnosticsMs ?? NaN))} |`);
      out.push(`| (opening and showing the README in the editor) | ${fmtMs(ed.openMs ?? NaN)} |`, '');
    }
  }
  if (r.metadata) {
    const md = r.metadata;
    out.push('## Metadata analysis per call', '');
    out.push(
      `\`analyzeKepYaml\` and \`analyzePrrApproval\` (server/src/core/features/metadataAnalysis.ts, every metadata rule, default settings) on every kep.yaml (${md.kepYaml.files}) and production readiness approval file (${md.prr.files}) of the sample, the templates' own examples left out as the server leaves them, ${md.rounds} timed calls per file after one untimed round. The workspace is the server's: a \`WorkspaceSnapshot\` holding the files each analysis consults (README, OWNERS_ALIASES, approval file), loaded before the timed rounds and then trusted as the server trusts what its file watchers cover, behind the server's size limits. Peer, timed call by call beside it on the same text: a bare \`parseDocument\` of the \`yaml\` package, which our analysis starts with; the ratio says how many bare parses the whole analysis costs.`,
      '',
    );
    out.push('| files | analysis median (p95) | `parseDocument` median (p95) | analysis / parse |', '|---|---:|---:|---:|');
    for (const [name, k] of [
      ['kep.yaml', md.kepYaml],
      ['approval files', md.prr],
    ] as const) {
      out.push(
        `| ${k.files} ${name} (${fmtBytes(k.chars)}, ${k.findings} findings) | ${fmtUs(k.ours.median)} (${fmtUs(k.ours.p95)}) | ${fmtUs(k.parse.median)} (${fmtUs(k.parse.p95)}) | ${fmtRatio(k.ours.median / k.parse.median)} |`,
      );
    }
    out.push('');
  }
  if (r.index) {
    const ix = r.index;
    out.push('## Index: one-character edit', '');
    out.push(
      `\`MarkdownIndex.applyEdit\` (server/src/core/markdown/markdownIndex.ts: lines, headings and scanner checkpoints kept edit by edit) in \`${ix.document}\` (${fmtBytes(ix.bytes)}, ${ix.lines} lines, the sample's largest README): ${ix.places} seeded random places, a one-character insert and the delete that undoes it at each, ${ix.places * 2} edits timed one by one after 1000 untimed places. Peer, the floor: vscode-languageserver-textdocument's \`TextDocument.update\` with the same edits, in the same run, the two taking turns in blocks of 250 places (edit by edit, the floor's garbage would land in the index's timings). \`TextDocument.update\` is the least a language server pays to keep a document current (the text as one string plus its line offsets, updated incrementally; the floor server and our non-Markdown documents use it), so it is the honest floor; slicing the text and splitting it into lines on every edit, what a non-incremental model pays, costs more still and would flatter the ratio. Both pay for a new string of the whole text on every edit; past 128 KiB V8 allocates it on its own pages, so where mapping fresh memory is slow (in a virtual machine, for one) that can dominate the floor's figure and the ratio, while the index's own median and p95 are the figures to watch. The index joins its text only when asked (\`getText()\`), which this measure leaves out.`,
      '',
    );
    out.push('| measure | median | p95 |', '|---|---:|---:|');
    out.push(`| \`MarkdownIndex.applyEdit\` | ${fmtUs(ix.ours.median)} | ${fmtUs(ix.ours.p95)} |`);
    out.push(`| \`TextDocument.update\` (floor) | ${fmtUs(ix.floor.median)} | ${fmtUs(ix.floor.p95)} |`);
    out.push(`| floor / index | ${fmtRatio(ix.floor.median / ix.ours.median)} | ${fmtRatio(ix.floor.p95 / ix.ours.p95)} |`, '');
  }
  if (r.responsiveness) {
    const x = r.responsiveness;
    out.push('## Responsiveness: a hover while the server is busy', '');
    out.push(
      'One server on the sample, a hover request on a small KEP README timed from request to answer, one after another: on the idle server (the baseline, 30 hovers after 10 untimed), while a 1.4 MB KEP README (sample READMEs concatenated) is being opened, until its first diagnostics, and for 1.5 s after 2,000 file-watcher notifications for the kep.yaml files of 21 open READMEs were sent at once. The target (issue 13) is every hover within 100 ms.',
      '',
    );
    out.push('| while | hovers | median | max | max / idle median |', '|---|---:|---:|---:|---:|');
    out.push(`| idle | 30 | ${fmtMs(x.idle.median)} | ${fmtMs(x.idle.max)} | |`);
    out.push(
      `| a 1.4 MB README opens (first diagnostics after ${fmtMs(x.whileOpening.openMs)}) | ${x.whileOpening.hovers} | ${fmtMs(x.whileOpening.median)} | ${fmtMs(x.whileOpening.max)} | ${fmtRatio(x.whileOpening.max / x.idle.median)} |`,
    );
    out.push(
      `| 2,000 watcher notifications arrive | ${x.whileWatching.hovers} | ${fmtMs(x.whileWatching.median)} | ${fmtMs(x.whileWatching.max)} | ${fmtRatio(x.whileWatching.max / x.idle.median)} |`,
      '',
    );
  }
  if (r.worst) out.push(...worstSection(r.worst));
  return out.join('\n');
}

function worstSection(w: WorstInputResult): string[] {
  const out = ['## Worst inputs under the limits', ''];
  out.push(
    `Each input opened alone in a fresh server (bench/worstInputBench.ts): didOpen to its first diagnostics, then ${w.baseline.edit.edits} one-character edits spread over its lines, each timed to the diagnostics of its version and undone. Baseline: the same on the sample's largest README, in the same run. Targets (issue 13): first diagnostics within 2 s, each edit within 100 ms.`,
    '',
  );
  out.push(
    '| input | characters | first diagnostics | × baseline | edit median | edit max | × baseline (median) | diagnostics |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of [w.baseline, ...w.inputs]) {
    out.push(
      `| ${x.label} | ${x.chars} | ${fmtMs(x.firstMs)} | ${fmtRatio(x.firstMs / w.baseline.firstMs)} | ${fmtMs(x.edit.median)} | ${fmtMs(x.edit.max)} | ${fmtRatio(x.edit.median / w.baseline.edit.median)} | ${x.diagnostics} |`,
    );
  }
  out.push('');
  return out;
}

export function writeResults(file: string, r: Results): void {
  writeFileSync(file, renderResults(r));
}
