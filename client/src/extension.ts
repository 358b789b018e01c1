// Entry point of the VS Code extension. It only wires VS Code to the KEP language server
// (dist/server.js); every KEP rule and feature lives in the server, so that other editors get the
// same behaviour through LSP.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { createKepLanguageClient } from './languageClient';
import { registerNewKep } from './newKep';
import { registerKepSections, type KepSections } from './sectionsView';

/** What the extension exports: used by the in-editor tests to look at the view and status bar. */
export interface KepExtensionApi {
  sections: KepSections;
}

const OUTPUT_CHANNEL_NAME = 'KEP Language Server';
const RESTART_COMMAND = 'kep.restartServer';

let languageClient: LanguageClient | undefined;
let outputChannel: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KepExtensionApi> {
  // One channel for the client's log and the LSP trace (kep.trace.server), so a user who reports a
  // problem has a single place to copy from.
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  outputChannel = channel;
  const serverModule = context.asAbsolutePath('dist/server.js');

  const startServer = async (): Promise<void> => {
    if (languageClient) return;
    const client = createKepLanguageClient(serverModule, channel);
    languageClient = client;
    try {
      await client.start();
    } catch {
      // The client has already logged the cause and shown an error; the restart command can retry.
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      if (!isKepEnabled()) {
        void vscode.window.showInformationMessage('KEP support is turned off (setting "kep.enable").');
        return;
      }
      // A new client rather than LanguageClient.restart(): restart() throws unless the client is
      // running, and the command must also recover a server that failed to start or crashed too often.
      log('Restarting on request.');
      await stopServer();
      await startServer();
    }),
    // The server also reads kep.enable, but turning it off here stops the server process as well,
    // so a disabled extension costs nothing, and its diagnostics go with the client.
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('kep.enable')) return;
      if (isKepEnabled()) await startServer();
      else await stopServer();
    }),
    channel,
  );

  const sections = registerKepSections(context, () => languageClient);
  registerNewKep(context, () => languageClient);
  if (isKepEnabled()) await startServer();
  sections.schedule(0);
  return { sections };
}

// VS Code calls this before it disposes context.subscriptions, so the client can still log.
export function deactivate(): Promise<void> {
  return stopServer();
}

async function stopServer(): Promise<void> {
  const client = languageClient;
  languageClient = undefined;
  if (!client) return;
  try {
    await client.dispose();
  } catch (error) {
    // dispose() throws when the client never got running (its server failed to start): nothing to stop.
    log(`Stopping the client: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function log(line: string): void {
  outputChannel?.appendLine(`[Info  - ${new Date().toLocaleTimeString()}] ${line}`);
}

function isKepEnabled(): boolean {
  return vscode.workspace.getConfiguration('kep').get<boolean>('enable', true);
}
