// Benchmark entry for the `bench` session of scripts/run-editor-tests.mjs (not part of
// `npm run test:editor`): cold start to first diagnostics, ours beside VS Code's own Markdown
// link validation, on the same KEP README in the same window. Started by `npm run bench`
// (bench/editorBench.ts), which writes the workspace: a KEP README that does not activate the
// extension by itself (no kep.yaml, no template) and ends in an unpaired UNRESOLVED marker, and
// `peer.md`, the same text plus a broken link, with markdown.validate.enabled on. Each copy thus has
// a finding to wait for: VS Code fires no event for a first, empty, list of diagnostics.
//
// Figures go to the file named by KEP_BENCH_EDITOR_OUT and to the console as `KEP_BENCH_EDITOR {json}`.
import * as fs from 'fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vscode-kep.vscode-kep';
const README = 'keps/sig-bench/9999-bench/README.md';
const PEER = 'docs/peer.md';
const DEADLINE_MS = 60_000;

function fileUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Resolves with the time when `probe` first holds, checking on every diagnostics change. */
function whenDiagnostics(uri: vscode.Uri, probe: (d: vscode.Diagnostic[]) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (!probe(vscode.languages.getDiagnostics(uri))) return false;
      const at = performance.now();
      sub.dispose();
      clearTimeout(timer);
      resolve(at);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics for ${uri.toString()} within ${DEADLINE_MS / 1000} s`));
    }, DEADLINE_MS);
    check();
  });
}

async function openInEditor(uri: vscode.Uri): Promise<number> {
  const start = performance.now();
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const result: Record<string, unknown> = { vscodeVersion: vscode.version };
  const readme = fileUri(README);
  const peer = fileUri(PEER);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  result.kepActiveAtStart = extension.isActive;

  // Peer: VS Code's Markdown extension, from opening a document (its activation and language
  // server included) to its first link-validation diagnostic.
  try {
    const start = performance.now();
    const first = whenDiagnostics(peer, (ds) => ds.some((d) => d.source !== 'kep'));
    result.peerOpenMs = await openInEditor(peer);
    result.peerFirstDiagnosticsMs = (await first) - start;
  } catch (error) {
    result.peerError = String(error);
  }

  // Ours: the KEP README is opened first (the editor's own cost, reported apart), then the
  // extension activated: from activate() to the first KEP diagnostics on it.
  result.openMs = await openInEditor(readme);
  const start = performance.now();
  const first = whenDiagnostics(readme, (ds) => ds.some((d) => d.source === 'kep'));
  await extension.activate();
  result.activateMs = performance.now() - start;
  result.firstDiagnosticsMs = (await first) - start;
  result.kepDiagnostics = vscode.languages.getDiagnostics(readme).filter((d) => d.source === 'kep').length;

  const line = JSON.stringify(result);
  console.log(`KEP_BENCH_EDITOR ${line}`);
  const out = process.env.KEP_BENCH_EDITOR_OUT;
  if (out) fs.writeFileSync(out, line + '\n');
  console.log('1 passed, 0 failed');
}
