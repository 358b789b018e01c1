// In the editor: cold start to first diagnostics on the largest sample KEP README, ours beside VS
// Code's own Markdown link validation on the same text, through the `bench` session of
// scripts/run-editor-tests.mjs (code-server + headless Chromium). See test/editor/bench/index.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface EditorResult {
  vscodeVersion?: string;
  kepActiveAtStart?: boolean;
  openMs?: number;
  activateMs?: number;
  firstDiagnosticsMs?: number;
  kepDiagnostics?: number;
  peerOpenMs?: number;
  peerFirstDiagnosticsMs?: number;
  peerError?: string;
}

/** Runs the session once on `readmeText`; `{ error }` when it could not run or gave no figures. */
export function benchEditor(readmeText: string): EditorResult | { error: string } {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kep-bench-editor-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    cpSync(path.join(ROOT, 'test/editor/bench/workspace'), workspace, { recursive: true });
    // Each copy gets one line that its tool reports, so both have a first diagnostic to wait for
    // (VS Code signals no change for an empty list): an unpaired UNRESOLVED marker, a broken link.
    writeFileSync(path.join(workspace, 'keps/sig-bench/9999-bench/README.md'), `${readmeText}\n<<[UNRESOLVED bench]>>\n`);
    mkdirSync(path.join(workspace, 'docs'), { recursive: true });
    writeFileSync(path.join(workspace, 'docs/peer.md'), `${readmeText}\nA [broken link](./no-such-file.md) for link validation.\n`);
    const out = path.join(tmp, 'figures.json');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run-editor-tests.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, EDITOR_TESTS_SESSIONS: 'bench', EDITOR_TESTS_WORKSPACE: workspace, KEP_BENCH_EDITOR_OUT: out },
      maxBuffer: 64 * 1024 * 1024,
    });
    const printed = /KEP_BENCH_EDITOR (\{.*\})/.exec(r.stdout ?? '');
    const json = existsSync(out) ? readFileSync(out, 'utf8') : printed?.[1];
    if (!json) return { error: `the bench session gave no figures (exit ${r.status}): ${(r.stdout ?? '').slice(-1500)}${(r.stderr ?? '').slice(-1500)}` };
    return JSON.parse(json) as EditorResult;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** code-server's version, from its package.json, or undefined when it is not installed. */
export function codeServerVersion(): string | undefined {
  const pkg = path.join(ROOT, '.vscode-test/code-server/node_modules/code-server/package.json');
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}
