// kep-lint over the whole sample beside markdownlint-cli2 over the same README files with the same
// MD043 configuration: wall time and peak memory (max RSS) of each process, median of a few runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './stats';

const GNU_TIME = '/usr/bin/time';
export const KEP_LINT = path.resolve(__dirname, '../kep-lint.js');
/** markdownlint-cli2's command-line entry, found through node_modules from the repository root. */
const MARKDOWNLINT_CLI2 = path.resolve(__dirname, '../../node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

export interface ProcessRun {
  wallMs: number;
  /** peak resident memory in bytes, when GNU time is available */
  maxRss: number | undefined;
}

export interface CliResult {
  files: number;
  ours: ProcessRun;
  peer: ProcessRun;
  runs: number;
  memorySource: string;
}

/** One run of `node args…` in `cwd`: wall time, and max RSS through GNU time's %M when present. */
function runOnce(args: string[], cwd: string): ProcessRun {
  const useTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(GNU_TIME, ['-f', 'KEPBENCH %M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  // Both linters exit 1 when they report findings; 2 and up (or a signal) is a failure.
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const m = /KEPBENCH (\d+)/.exec(r.stderr);
  return { wallMs, maxRss: m ? Number(m[1]) * 1024 : undefined };
}

function medianRun(runs: ProcessRun[]): ProcessRun {
  const rss = runs.map((r) => r.maxRss).filter((x): x is number => x !== undefined);
  return { wallMs: median(runs.map((r) => r.wallMs)), maxRss: rss.length ? median(rss) : undefined };
}

/** `readmes` are absolute paths inside `sample`. Runs alternate between the two tools. */
export function benchCli(sample: string, readmes: string[], config: Record<string, unknown>, runs: number): CliResult {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kep-bench-cli-'));
  try {
    const configFile = path.join(tmp, '.markdownlint.json');
    writeFileSync(configFile, JSON.stringify(config));
    const relative = readmes.map((f) => path.relative(sample, f));
    // ':' marks a literal path for markdownlint-cli2 (no glob expansion).
    const peerArgs = [MARKDOWNLINT_CLI2, ...relative.map((f) => `:${f}`), '--config', configFile];
    const ourArgs = [KEP_LINT, ...relative];
    const ours: ProcessRun[] = [];
    const peer: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(runOnce(ourArgs, sample));
      peer.push(runOnce(peerArgs, sample));
    }
    return {
      files: readmes.length,
      ours: medianRun(ours),
      peer: medianRun(peer),
      runs,
      memorySource: existsSync(GNU_TIME) ? 'GNU time %M (max RSS)' : 'not measured (no /usr/bin/time)',
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
