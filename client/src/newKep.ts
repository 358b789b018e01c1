// "KEP: New KEP…": asks for the SIG, the title and the enhancement issue number, lets the server
// plan the files from the workspace template, writes them and opens the README.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const NEW_KEP_COMMAND = 'kep.newKep';

/** Inputs a caller (or a test) can give instead of answering the prompts. */
export interface NewKepArgs {
  sig?: string;
  title?: string;
  number?: string;
  authors?: string[];
}

type Plan = { folder: string; files: { path: string; text: string }[] } | { error: string };

/** The enhancements checkout among the workspace folders: the first that holds keps/. */
async function enhancementsRoot(): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, 'keps'));
      return folder.uri;
    } catch {
      // Not this folder.
    }
  }
  return undefined;
}

async function sigFolders(root: vscode.Uri): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'keps'));
  return entries
    .filter(([name, type]) => type === vscode.FileType.Directory && name !== 'prod-readiness' && !name.startsWith('NNNN-'))
    .map(([name]) => name)
    .sort();
}

/**
 * The author's GitHub handle from git config (github.user), when there is one. Not in Restricted
 * Mode: git would run inside the untrusted workspace and read the repository's own config, and the
 * extension runs nothing there. kep.yaml then gets the placeholder author for the user to replace.
 */
function gitHandle(cwd: string): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', 'github.user'], { cwd, timeout: 3000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}

export function registerNewKep(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_KEP_COMMAND, async (args: NewKepArgs = {}): Promise<string | undefined> => {
      const root = await enhancementsRoot();
      const languageClient = client();
      if (!root || !languageClient?.isRunning()) {
        void vscode.window.showErrorMessage('New KEP: open a kubernetes/enhancements checkout (a folder with keps/) first.');
        return undefined;
      }
      const sig =
        args.sig ??
        (await vscode.window.showQuickPick(await sigFolders(root), { title: 'New KEP (1/3): owning SIG', placeHolder: 'The SIG folder under keps/' }));
      if (!sig) return undefined;
      const title =
        args.title ??
        (await vscode.window.showInputBox({
          title: 'New KEP (2/3): title',
          prompt: 'A short, descriptive title',
          validateInput: (v) => (v.trim() ? undefined : 'A title is needed'),
        }));
      if (!title) return undefined;
      const number =
        args.number ??
        (await vscode.window.showInputBox({
          title: 'New KEP (3/3): enhancement issue number',
          prompt: 'The number of the issue in kubernetes/enhancements that tracks this KEP',
          validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'Digits only, without leading zeros'),
        }));
      if (!number) return undefined;
      const handle = args.authors ? undefined : await gitHandle(root.fsPath);
      const plan = await languageClient.sendRequest<Plan>('kep/planNewKep', {
        root: root.fsPath,
        sig,
        title,
        number,
        authors: args.authors ?? (handle ? [handle] : []),
      });
      if ('error' in plan) {
        void vscode.window.showErrorMessage(`New KEP: ${plan.error}`);
        return undefined;
      }
      for (const file of plan.files) await vscode.workspace.fs.writeFile(vscode.Uri.file(file.path), new TextEncoder().encode(file.text));
      await vscode.window.showTextDocument(vscode.Uri.file(plan.files[0].path));
      return plan.folder;
    }),
  );
}
