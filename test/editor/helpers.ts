// Shared helpers for the in-editor tests: finding fixture files, waiting for the language server
// with a deadline, editing documents and reading the server's diagnostics.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'vscode-kep.vscode-kep';
export const KEP_README = 'keps/sig-test/1234-demo/README.md';
export const DIAGNOSTIC_SOURCE = 'kep';

/**
 * How long to wait for the server to react before a test fails: a hang guard (a minute, as in
 * test/support/hangGuard.ts), not a speed target, so that a busy CI machine never trips it.
 */
export const DEADLINE_MS = 60_000;

export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openInEditor(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`
 * with `description` and the last value `describe` gave, so a timeout says what was seen instead.
 */
export async function waitFor<T>(
  description: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; describe?: () => string | Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? DEADLINE_MS);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = options.describe ? `; last seen: ${await options.describe()}` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? DEADLINE_MS} ms waiting for ${description}${seen}`);
    }
    await sleep(100);
  }
}

/**
 * For the absence of something there is no event to wait for: watch for `windowMs` and fail as
 * soon as `offending` reports a value.
 */
export async function assertStaysAbsent(description: string, offending: () => string | undefined, windowMs: number): Promise<void> {
  const end = Date.now() + windowMs;
  while (Date.now() < end) {
    const found = offending();
    if (found !== undefined) assert.fail(`${description}: ${found}`);
    await sleep(100);
  }
}

export async function activeKepExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed in the test instance`);
  await waitFor('the KEP extension to activate', () => extension.isActive);
  return extension;
}

export function kepDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** The rule id of a diagnostic; a `kep/` prefix, if the server uses one, is dropped. */
export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  const value = typeof code === 'object' ? code.value : code;
  return value === undefined ? undefined : String(value).replace(/^kep\//, '');
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = kepDiagnostics(uri);
  if (list.length === 0) return 'no kep diagnostics';
  return list.map((d) => `${d.range.start.line + 1}: [${ruleId(d)}] ${d.message}`).join(' | ');
}

/** Waits for the server to have published at least one diagnostic for `uri`: the server is up. */
export function waitForKepDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return waitFor(`kep diagnostics on ${uri.path}`, () => {
    const list = kepDiagnostics(uri);
    return list.length > 0 ? list : undefined;
  });
}

export function lineIndex(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text === text) return line;
  }
  return assert.fail(`line ${JSON.stringify(text)} is in ${document.uri.path}`);
}

export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.startsWith(prefix)) return line;
  }
  return assert.fail(`a line starting with ${JSON.stringify(prefix)} is in ${document.uri.path}`);
}

/** Inserts `lines` (each without its newline) before line `line`. */
export async function insertLines(document: vscode.TextDocument, line: number, lines: string[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), lines.map((l) => `${l}\n`).join(''));
  assert.ok(await vscode.workspace.applyEdit(edit), 'the insertion was applied');
}

export async function deleteLines(document: vscode.TextDocument, line: number, count: number): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.delete(document.uri, new vscode.Range(line, 0, line + count, 0));
  assert.ok(await vscode.workspace.applyEdit(edit), 'the deletion was applied');
}

// The fixture KEP leaves out this section, so the server reports it as missing.
export const OMITTED_SECTION = ['### Risks and Mitigations', '', 'A misused field is rejected by validation.', ''];
export const OMITTED_SECTION_BEFORE = '## Design Details';

export function missingRisksDiagnostic(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return kepDiagnostics(uri).find((d) => ruleId(d) === 'missing-section' && d.message.includes("'### Risks and Mitigations'"));
}

// test/editor/fixtures/kep-workspace/custom-template.md: a template whose one distinctive section
// a KEP checked against it lacks (and which has no `### Risks and Mitigations`).
export const CUSTOM_TEMPLATE = 'custom-template.md';

export function customTemplateProbeDiagnostic(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return kepDiagnostics(uri).find((d) => ruleId(d) === 'missing-section' && d.message.includes("'## Custom Template Probe'"));
}

/**
 * Makes the workspace folder a git repository whose own config sets github.user, the handle that
 * New KEP writes as the author. The tests run in the extension host, which may run git.
 */
export function setRepositoryGitHubUser(handle: string): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const cwd = folder.uri.fsPath;
  execFileSync('git', ['init', '--quiet'], { cwd });
  execFileSync('git', ['config', 'github.user', handle], { cwd });
}

/**
 * Adds the omitted section and waits for its missing-section diagnostic to go, then removes the
 * section again and waits for the diagnostic to return: proof that diagnostics follow edits.
 */
export async function assertMissingSectionFollowsEdits(document: vscode.TextDocument): Promise<void> {
  const uri = document.uri;
  await waitFor('the missing-section diagnostic for Risks and Mitigations', () => missingRisksDiagnostic(uri), {
    describe: () => describeDiagnostics(uri),
  });

  const at = lineIndex(document, OMITTED_SECTION_BEFORE);
  await insertLines(document, at, OMITTED_SECTION);
  await waitFor('the missing-section diagnostic to go once the section is added', () => !missingRisksDiagnostic(uri), {
    describe: () => describeDiagnostics(uri),
  });

  await deleteLines(document, at, OMITTED_SECTION.length);
  assert.strictEqual(document.lineAt(at).text, OMITTED_SECTION_BEFORE, 'the fixture is back as it was');
  await waitFor('the missing-section diagnostic to return once the section is removed', () => missingRisksDiagnostic(uri), {
    describe: () => describeDiagnostics(uri),
  });
}

/**
 * Process ids of the language servers started by this extension host. vscode-languageclient passes
 * `--clientProcessId=<extension host pid>` to the server it spawns; the tests run in that host.
 */
export function kepServerPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended while we looked
    }
    if (args.some((a) => a.endsWith('dist/server.js')) && args.includes(`--clientProcessId=${process.pid}`)) {
      pids.push(Number(entry));
    }
  }
  return pids;
}

/**
 * The file behind an output channel of this window: VS Code writes each extension output channel
 * to `<user data>/logs/<session>/exthost<N>/output_logging_<time>/<n>-<name>.log`. The user data folder is
 * found on the command line of an ancestor process (code-server or VS Code was started with
 * `--user-data-dir`); undefined when it cannot be found, e.g. with a default user data folder.
 */
export function outputChannelLogFile(channelName: string): string | undefined {
  const userData = userDataDirOfAncestor();
  if (!userData) return undefined;
  const logs = path.join(userData, 'logs');
  const candidates: string[] = [];
  for (const session of readdirOrEmpty(logs)) {
    for (const host of readdirOrEmpty(path.join(logs, session)).filter((d) => d.startsWith('exthost'))) {
      for (const outputs of readdirOrEmpty(path.join(logs, session, host)).filter((d) => d.startsWith('output_logging_'))) {
        for (const file of readdirOrEmpty(path.join(logs, session, host, outputs))) {
          if (file.endsWith(`-${channelName}.log`)) candidates.push(path.join(logs, session, host, outputs, file));
        }
      }
    }
  }
  return candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

function userDataDirOfAncestor(): string | undefined {
  let pid = process.ppid;
  for (let depth = 0; pid > 1 && depth < 10; depth++) {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('--user-data-dir');
      if (at >= 0 && args[at + 1]) return args[at + 1];
      const joined = args.find((a) => a.startsWith('--user-data-dir='));
      if (joined) return joined.slice('--user-data-dir='.length);
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name before it may hold spaces.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function readdirOrEmpty(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * Waits until the server answers requests for `document`: only the KEP server folds the fixture's
 * `<<[UNRESOLVED` block, so a fold starting on that line means it is up and initialized.
 */
export async function waitForServerToAnswer(document: vscode.TextDocument): Promise<void> {
  const open = lineStartingWith(document, '<<[UNRESOLVED');
  await waitFor('the server to answer a folding request', async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    return (ranges ?? []).some((r) => r.start === open);
  });
}
