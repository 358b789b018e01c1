// Builds the LanguageClient for the KEP server: which documents it sees, which files it watches and
// how it starts. Nothing here knows about KEP rules.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CrashLoggingErrorHandler } from './crashLogging';

// The client id doubles as the settings prefix: vscode-languageclient reads `<id>.trace.server`,
// which is why it is `kep` and not a display name.
const CLIENT_ID = 'kep';
const CLIENT_NAME = 'KEP Language Server';

// Port for the debug variant, used when the extension host itself runs under a debugger.
const DEBUG_PORT = 6009;

export function createKepLanguageClient(serverModule: string, outputChannel: vscode.OutputChannel): LanguageClient {
  // IPC rather than stdio: the server's console output then cannot corrupt the protocol stream.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };

  const errorHandler = new CrashLoggingErrorHandler(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      // Markdown: KEP READMEs (the server decides per document whether it is a KEP).
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // YAML: a KEP's metadata and the PRR approval files.
      { scheme: 'file', language: 'yaml', pattern: '**/kep.yaml' },
      { scheme: 'file', language: 'yaml', pattern: '**/prod-readiness/**/*.yaml' },
    ],
    synchronize: {
      configurationSection: 'kep',
      // Files the server reads from disk besides the open document: a KEP's sibling kep.yaml, the
      // workspace's template, PRR approvals and the aliases used for approvers.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/kep.yaml'),
        vscode.workspace.createFileSystemWatcher('**/keps/NNNN-kep-template/README.md'),
        vscode.workspace.createFileSystemWatcher('**/keps/prod-readiness/**/*.yaml'),
        vscode.workspace.createFileSystemWatcher('**/OWNERS_ALIASES'),
      ],
    },
    // VS Code's built-in Markdown extension already provides the heading outline (Outline view,
    // breadcrumbs); with the server's symbols as well, every heading would show twice.
    initializationOptions: { documentSymbols: false },
    outputChannel,
    errorHandler,
  };

  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  // The default handler holds the restart policy (restart, up to 5 crashes in 3 minutes); it can
  // only be created from the client, hence after construction.
  errorHandler.setPolicy(client.createDefaultErrorHandler());
  return client;
}
