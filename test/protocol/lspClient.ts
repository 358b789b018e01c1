// A minimal LSP client for protocol tests: spawns the bundled server over stdio and keeps the
// latest diagnostics per document, so tests can wait for the result of an edit. Every publish is
// also kept in arrival order, so fault tests can check what was sent and in which order.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../server.js');

export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  /** Every textDocument/publishDiagnostics, in the order it arrived. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Resolves with the exit code (or signal) once the server process has ended. */
  readonly exited: Promise<number | string | null>;
  stderr = '';
  /** window/logMessage output: where the server reports analysis failures. */
  logs = '';

  /** `nodeOptions` go before the server script, e.g. ['-r', 'preload.js']. */
  constructor(args: string[] = ['--stdio'], nodeOptions: string[] = []) {
    this.process = spawn(process.execPath, [...nodeOptions, SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve(signal ?? code)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => (this.logs += p.message + '\n'));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  settings: unknown = {};

  async initialize(rootPath: string, initializationOptions: unknown = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string, languageId = 'markdown'): string {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The version the client last sent for `uri` (1 after open). */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** Sends a notification as is, without waiting and without bookkeeping: for malformed or unexpected messages. */
  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** The process id of the server, for tests that kill it. */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Closes the server's stdin, as a client that goes away does, and waits for the server to end. */
  async closeInput(): Promise<number | string | null> {
    this.process.stdin!.end();
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the server without a shutdown request (as a crash would) and waits for it to end. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
    this.connection.dispose();
  }

  /** Publishes for `uri` that arrived at index `from` of `published` or later. */
  publishesSince(uri: string, from: number): PublishDiagnosticsParams[] {
    return this.published.slice(from).filter((p) => p.uri === uri);
  }

  /** Waits for a publish for `uri` that arrives at index `from` of `published` or later, and returns the latest one. */
  async diagnosticsSince(uri: string, from: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const since = this.publishesSince(uri, from);
      if (since.length > 0) return since[since.length - 1].diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} after publish #${from}; server stderr: ${this.stderr}`);
      await this.nextPublish(left);
    }
  }

  /** Waits until no publish has arrived for `quietMs` (or `timeoutMs` passed): the server has settled. */
  async settle(quietMs = 300, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.published.length;
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.published.length === seen || Date.now() > deadline) return;
    }
  }

  private nextPublish(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** The diagnostics published for `uri` at `version` or later. */
  async diagnosticsFor(uri: string, version = 1, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.diagnostics.get(uri);
      if (latest && (latest.version ?? 0) >= version) return latest.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} at version ${version}; server stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async shutdown(): Promise<void> {
    try {
      // A server that broke the stream never answers: do not wait for it past a bound.
      const answered = this.connection.sendRequest('shutdown').then(() => true);
      if (await Promise.race([answered, new Promise<false>((r) => setTimeout(() => r(false), 2000).unref())])) {
        await this.connection.sendNotification('exit');
      }
    } catch {
      // The server may already be gone; the process is killed below either way.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
