// A language server driven over stdio the way an editor drives it, for timing: spawn it, initialize
// on a workspace folder, open documents, send one-character edits and wait for the diagnostics of
// exactly that document version. Works for ours (dist/server.js) and for the floor server.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { msSince, seededRandom } from './stats';

/** dist/server.js and dist/bench/floorServer.js, next to this bundle in dist/bench. */
export const OUR_SERVER = path.resolve(__dirname, '../server.js');
export const FLOOR_SERVER = path.resolve(__dirname, 'floorServer.js');

const WAIT_MS = 120_000;

export class LspSession {
  private readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly latest = new Map<string, number>();
  private readonly published = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  private readonly waiters = new Map<string, { version: number; resolve: () => void }[]>();
  private readonly versions = new Map<string, number>();
  private stderr = '';

  /** `nodeArgs` go before the script, e.g. ['--cpu-prof'] to profile the server while it is measured. */
  constructor(
    readonly script: string,
    nodeArgs: string[] = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const version = p.version ?? 0;
      this.latest.set(p.uri, version);
      this.published.set(p.uri, p.diagnostics);
      const list = this.waiters.get(p.uri);
      if (!list) return;
      for (let i = list.length - 1; i >= 0; i--) {
        if (version >= list[i]!.version) list.splice(i, 1)[0]!.resolve();
      }
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(root: string, initializationOptions: unknown = {}): Promise<void> {
    await this.connection.sendRequest('initialize', {
      initializationOptions,
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Opens a file from disk (or `text`); resolves when its first diagnostics arrive. */
  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = pathToFileURL(file).href;
    const languageId = /\.md$/i.test(file) ? 'markdown' : 'yaml';
    this.versions.set(uri, 1);
    const published = this.diagnosticsAt(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await published;
    return uri;
  }

  /** Opens many files at once and waits until each has diagnostics. */
  async openAll(files: string[]): Promise<void> {
    await Promise.all(files.map((f) => this.open(f)));
  }

  /** The diagnostics of the last publication for `uri`. */
  diagnostics(uri: string): PublishDiagnosticsParams['diagnostics'] {
    return this.published.get(uri) ?? [];
  }

  /**
   * Inserts `text` at (line, character), as version v, and resolves with the milliseconds from sending
   * didChange to receiving publishDiagnostics for version v. Then removes it again (as v+1) and waits
   * for those diagnostics too, outside the timing, so every edit starts from the original text.
   */
  async timedInsert(uri: string, line: number, character: number, text = 'x'): Promise<number> {
    const v = this.nextVersion(uri);
    const published = this.diagnosticsAt(uri, v);
    const start = process.hrtime.bigint();
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });
    await published;
    const ms = msSince(start);
    const u = this.nextVersion(uri);
    const undone = this.diagnosticsAt(uri, u);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: u },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + text.length } }, text: '' }],
    });
    await undone;
    return ms;
  }

  /** Sends didOpen and returns at once, with a promise of its first diagnostics. */
  openInBackground(file: string, text: string): { uri: string; published: Promise<void> } {
    const uri = pathToFileURL(file).href;
    const languageId = /\.md$/i.test(file) ? 'markdown' : 'yaml';
    this.versions.set(uri, 1);
    const published = this.diagnosticsAt(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, published };
  }

  /** Milliseconds from sending a hover request to its answer. */
  async timedHover(uri: string, line: number, character: number): Promise<number> {
    const start = process.hrtime.bigint();
    await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return msSince(start);
  }

  /** Sends a notification without waiting for anything. */
  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone; killed below either way.
    }
    // Give it time to exit by itself (a --cpu-prof profile is written on exit), then make sure.
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
    this.child.kill();
  }

  private nextVersion(uri: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    return v;
  }

  private diagnosticsAt(uri: string, version: number): Promise<void> {
    if ((this.latest.get(uri) ?? -1) >= version) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${path.basename(this.script)}: no diagnostics for ${uri} at version ${version} within ${WAIT_MS / 1000} s\n${this.stderr}`)),
        WAIT_MS,
      );
      const list = this.waiters.get(uri) ?? [];
      list.push({
        version,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      this.waiters.set(uri, list);
    });
  }
}

export interface EditPlace {
  line: number;
  character: number;
}

/** `count` random places in `text` (same seed, same places), where a one-character edit goes. */
export function editPlaces(text: string, count: number, seed = 42): EditPlace[] {
  const lines = text.split('\n'); // the sample has no \r line ends
  const next = seededRandom(seed);
  const places: EditPlace[] = [];
  for (let i = 0; i < count; i++) {
    const line = Math.floor(next() * lines.length);
    places.push({ line, character: Math.floor(next() * (lines[line]!.length + 1)) });
  }
  return places;
}

/** `text` with 'x' inserted at `place` (what the server sees after the edit). */
export function withInsert(text: string, place: EditPlace): string {
  const lines = text.split('\n');
  const l = lines[place.line] ?? '';
  lines[place.line] = l.slice(0, place.character) + 'x' + l.slice(place.character);
  return lines.join('\n');
}

/**
 * The edit measure on one server: open `file` (holding `text`) in a server started on `root`, warm it
 * up, then time one-character edits at `places`. Returns the times in ms and the diagnostics on open.
 */
export async function measureEdits(
  script: string,
  root: string,
  file: string,
  text: string,
  places: EditPlace[],
  warmup = 20,
  initializationOptions: unknown = {},
): Promise<{ times: number[]; diagnostics: PublishDiagnosticsParams['diagnostics'] }> {
  const session = new LspSession(script);
  try {
    await session.initialize(root, initializationOptions);
    const uri = await session.open(file, text);
    const diagnostics = session.diagnostics(uri);
    for (const p of places.slice(0, warmup)) await session.timedInsert(uri, p.line, p.character);
    const times: number[] = [];
    for (const p of places) times.push(await session.timedInsert(uri, p.line, p.character));
    return { times, diagnostics };
  } finally {
    await session.shutdown();
  }
}
