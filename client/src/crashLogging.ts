// Keeps vscode-languageclient's restart policy for a crashed server and adds a clear line to the
// output channel each time it applies, so a crash is never silent.
import type * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

export class CrashLoggingErrorHandler implements ErrorHandler {
  private policy: ErrorHandler | undefined;

  constructor(private readonly outputChannel: vscode.OutputChannel) {}

  setPolicy(policy: ErrorHandler): void {
    this.policy = policy;
  }

  async error(error: Error, message: Message | undefined, count: number | undefined): Promise<ErrorHandlerResult> {
    const result = (await this.policy?.error(error, message, count)) ?? { action: ErrorAction.Shutdown };
    this.log(`Connection to the server failed (${error.message}); ${result.action === ErrorAction.Continue ? 'continuing' : 'shutting the server down'}.`);
    return result;
  }

  // Called by the client only when the connection closes without a stop request, that is when the
  // server process exited or crashed.
  async closed(): Promise<CloseHandlerResult> {
    const result = (await this.policy?.closed()) ?? { action: CloseAction.DoNotRestart };
    this.log(
      result.action === CloseAction.Restart
        ? 'The server stopped unexpectedly (crash); restarting it.'
        : `The server stopped unexpectedly (crash) and will not be restarted. ${result.message ?? ''}`.trimEnd(),
    );
    return result;
  }

  private log(line: string): void {
    // Same shape as the language client's own lines in this channel.
    this.outputChannel.appendLine(`[Error - ${new Date().toLocaleTimeString()}] ${line}`);
  }
}
