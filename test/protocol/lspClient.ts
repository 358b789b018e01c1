// A minimal LSP client for protocol tests: spawns the bundled server over stdio and keeps the
// latest diagnostics per document, so tests can wait for the result of an edit. Every publish is
// also kept in arrival order, so fault tests can check what was sent and in which order.
//
// However the server ends (shut down, killed mid-message, crashed), the client leaves nothing
// behind that keeps the test run alive: no child, no open pipe, no reader timer. It registers in
// liveProcesses until then, so a test that forgets to end it fails the run by name (mochaSetup).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { HANG_GUARD_MS } from '../support/hangGuard';
import { liveProcesses, type LiveProcess } from '../support/liveProcesses';

export const SERVER = path.resolve(__dirname, '../../server.js');

/** How long shutdown() waits for a server to answer and then to exit before it kills it. */
const SHUTDOWN_GRACE_MS = 5_000;

export class LspTestClient implements LiveProcess {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly reader: StreamMessageReader;
  private readonly writer: StreamMessageWriter;
  private readonly startedBy: string;
  private released: Promise<void> | undefined;
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

  /**
   * `nodeOptions` go before the server script, e.g. ['-r', 'preload.js']; `script` replaces the
   * server, for tests of the client itself.
   */
  constructor(args: string[] = ['--stdio'], nodeOptions: string[] = [], script = SERVER) {
    this.startedBy = callerTestFile();
    this.process = spawn(process.execPath, [...nodeOptions, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    liveProcesses().add(this);
    // A server that dies while we write gets EPIPE on stdin; that is the test's to judge, not a crash.
    for (const pipe of [this.process.stdin!, this.process.stdout!, this.process.stderr!]) pipe.on('error', () => {});
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => {
      // 'close' comes after 'exit' once the pipes are closed too: then nothing of the child is left.
      this.process.once('close', (code, signal) => resolve(signal ?? code));
      this.process.once('error', (error) => resolve(String(error)));
    });
    this.reader = new StreamMessageReader(this.process.stdout!);
    // The reader re-arms a 10-second "partial message" timer for ever while a message stays
    // incomplete, which it does when the server is killed mid-message, and disposing the reader does
    // not stop it: that timer kept finished test runs alive. The tests have no use for the event.
    this.reader.partialMessageTimeout = 0;
    this.writer = new StreamMessageWriter(this.process.stdin!);
    this.connection = createMessageConnection(this.reader, this.writer);
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

  /** `formats`: the hover and documentation formats the client renders, VS Code's by default. */
  async initialize(rootPath: string, initializationOptions: unknown = {}, formats: string[] = ['markdown', 'plaintext']): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'ws' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {}, hover: { contentFormat: formats }, completion: { completionItem: { documentationFormat: formats } } },
      },
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
    await this.release();
    return code;
  }

  /** Kills the server without a shutdown request (as a crash would) and waits for it to end. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
    await this.release();
  }

  /** Whether the server process is still running. */
  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  describe(): string {
    return `language server (pid ${this.process.pid}) started by ${this.startedBy}`;
  }

  /** Ends the connection, its reader and writer, the pipes and the process, whatever the server did. */
  release(): Promise<void> {
    this.released ??= (async () => {
      this.connection.dispose();
      this.reader.dispose();
      this.writer.dispose();
      const pipes = [this.process.stdin!, this.process.stdout!, this.process.stderr!];
      const closed = pipes.map((pipe) => (pipe.closed ? undefined : new Promise((resolve) => pipe.once('close', resolve))));
      for (const pipe of pipes) pipe.destroy();
      if (this.running) this.process.kill('SIGKILL');
      await Promise.all([this.exited, ...closed]);
      // libuv frees closed handles in the close phase, which follows the check phase of setImmediate:
      // two turns later, nothing of the child is left.
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
      liveProcesses().delete(this);
    })();
    return this.released;
  }

  /** Publishes for `uri` that arrived at index `from` of `published` or later. */
  publishesSince(uri: string, from: number): PublishDiagnosticsParams[] {
    return this.published.slice(from).filter((p) => p.uri === uri);
  }

  /** Waits for a publish for `uri` that arrives at index `from` of `published` or later, and returns the latest one. */
  async diagnosticsSince(uri: string, from: number, timeoutMs = HANG_GUARD_MS): Promise<Diagnostic[]> {
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
  async diagnosticsFor(uri: string, version = 1, timeoutMs = HANG_GUARD_MS): Promise<Diagnostic[]> {
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

  /** The polite end: shutdown and exit, each given a few seconds, then whatever is left is killed. */
  async shutdown(): Promise<void> {
    if (this.running) {
      try {
        // A server that broke the stream never answers: do not wait for it past a bound.
        const answered = this.connection.sendRequest('shutdown').then(() => true);
        if (await raceWith(answered, false, SHUTDOWN_GRACE_MS)) {
          await this.connection.sendNotification('exit');
          await raceWith(this.exited, undefined, SHUTDOWN_GRACE_MS);
        }
      } catch {
        // The server may already be gone; release() ends it either way.
      }
    }
    await this.release();
  }
}

/** `promise`, or `fallback` after `ms`; the timer is cleared either way, so it holds nothing open. */
async function raceWith<T, F>(promise: Promise<T>, fallback: F, ms: number): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The test bundle that is constructing a client, from the stack, to name it in a leak report. */
function callerTestFile(): string {
  const frame = new Error().stack?.split('\n').find((line) => /\.(test|spec)\.js/.test(line));
  const file = frame && /([\w.-]+\.(?:test|spec))\.js/.exec(frame)?.[1];
  return file ?? 'a test';
}
