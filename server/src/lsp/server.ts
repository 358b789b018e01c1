// The LSP glue, shared by every LSP entry (node/main.ts today, a browser entry later): a function
// of a connection and of the host's IO. It keeps each open Markdown document as an incremental
// MarkdownIndex, runs the core's analyses against a WorkspaceSnapshot settled from the host's
// FileSource (core/workspace/settle.ts), and converts the results. It does no IO of its own.
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type CancellationToken,
  TextDocumentSyncKind,
  TextEdit,
  CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceSnapshot } from '../core/workspace/snapshot';
import { settle, type FileSource } from '../core/workspace/settle';
import {
  markdownSupport,
  toCodeAction,
  toCompletionItem,
  toDiagnostic,
  toDiagnostics,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  type MarkdownSupport,
} from './convert';
import { MarkdownIndex } from '../core/markdown/markdownIndex';
import { rangesOverlap } from '../core/text/positions';
import { SEVERITIES, type SeveritySetting } from '../core/rules/rule';
import type { Finding, TextChange } from '../core/rules/rule';
import { toc, UPDATE_TOC_TITLE } from '../core/rules/toc';
import { inputProblemFindings, KepAnalyzer, readmeInputProblem, runRules, runRulesStepwise, type AnalysisSettings } from '../core/features/analysis';
import { MAX_README_CHARS } from '../core/text/limits';
import { analyzeMetadataFile, isCheckedMetadataFile, metadataInputProblem, withinLimits } from '../core/features/metadataFiles';
import { readersOf } from '../core/features/documentReaders';
import { ALL_RULE_IDS } from '../core/features/ruleCatalog';
import { foldingRanges } from '../core/features/folding';
import { completeReadmeBullet } from '../core/features/readmeCompletion';
import { hoverReadme } from '../core/features/readmeHover';
import { completeChecklistItem, completeSectionHeading } from '../core/features/sectionCompletion';
import { authoringActions } from '../core/features/authoringActions';
import { fixChanges, withTocUpdate } from '../core/features/tocFollows';
import { sectionsOutline } from '../core/features/sectionsOutline';
import { planNewKep, type NewKepInput } from '../core/features/newKep';
import { documentSymbols } from '../core/features/symbols';
import { completeMetadata } from '../core/features/yamlCompletion';
import { hoverMetadata } from '../core/features/yamlHover';
import { VERSION } from '../core/version';
import type { KepContext } from '../core/kep/kepContext';

/** What an LSP entry provides: its file system and how it names files. */
export interface LanguageServerHost {
  files: FileSource;
  /** The core's path ('/'-separated, absolute) of a document URI; other URIs stay as they are. */
  uriToPath(uri: string): string;
  /** The URI of a core path (for files a quick fix creates). */
  pathToUri(path: string): string;
  /** A path the user wrote (a setting, a request), absolute and '/'-separated, relative ones against `root`. */
  resolvePath(written: string, root: string | undefined): string;
  /** Runs `task` after the pending I/O and messages (setImmediate on Node). */
  defer(task: () => void): void;
}

/**
 * The file watchers the server registers. A path they cover is trusted until a watcher reports it;
 * any other path the analysis reads (folder listings, files above the workspace folder) is re-checked
 * before a result that read it is used, as it is when the client cannot register watchers at all.
 */
export const WATCHED_GLOBS = [
  '**/kep.yaml',
  '**/keps/NNNN-kep-template/README.md',
  '**/keps/prod-readiness/**/*.yaml',
  '**/OWNERS_ALIASES',
  '**/keps/*/*/README.md',
];

const WATCHED_PATHS = [
  /\/kep\.yaml$/,
  /\/keps\/NNNN-kep-template\/README\.md$/,
  /\/keps\/prod-readiness\/.*\.yaml$/,
  /\/OWNERS_ALIASES$/,
  /\/keps\/[^/]+\/[^/]+\/README\.md$/,
];

/** Whether one of WATCHED_GLOBS, registered for the workspace folder `root`, covers `path`. */
export function isWatched(path: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  const prefix = root.replace(/\/+$/, '');
  if (!path.startsWith(prefix + '/')) return false;
  const relative = path.slice(prefix.length);
  return WATCHED_PATHS.some((pattern) => pattern.test(relative));
}

interface OpenDocument {
  uri: string;
  path: string;
  languageId: string;
  version: number;
  /** A Markdown document small enough to analyse is indexed incrementally… */
  markdown?: MarkdownIndex;
  /** …any other document, and Markdown over MAX_README_CHARS, is kept as plain text (indexing it would cost more than it serves). */
  other?: TextDocument;
  /** A large Markdown document whose index is being built in slices: kept as `other` meanwhile, and not analysed. */
  indexing?: boolean;
  /** Counts the analyses started for publication… */
  publications: number;
  /** …and the one whose result was sent last: an older result arriving later is dropped. */
  sentPublication: number;
}

interface UserSettings {
  enable: boolean;
  analysis: AnalysisSettings;
  /** Rewrite a stale table of contents when a KEP README is saved. */
  updateTocOnSave: boolean;
}

function isMarkdown(doc: OpenDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.path);
}

function textOf(doc: OpenDocument): string {
  return doc.markdown ? doc.markdown.getText() : (doc.other?.getText() ?? '');
}

/**
 * Work on one document that would keep the server from reading messages for longer than this is
 * cut into slices, with the pending messages (a hover on another file) handled in between.
 */
const SLICE_MS = 10;
/** Markdown documents above this many characters are indexed in slices of about this size. */
const INDEX_SLICE_CHARS = 64 * 1024;
/** File-watcher notifications within this quiet time are handled as one batch… */
const WATCH_QUIET_MS = 50;
/** …but a steady stream of them is handled at least this often. */
const WATCH_MAX_WAIT_MS = 500;

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return typeof q === 'object' && q !== null && Number.isFinite(q.line) && Number.isFinite(q.character);
}

/** A text change as a client sends it: the request's input is not trusted to have the shape. */
function isTextChange(c: unknown): c is TextChange {
  const q = c as { range?: { start?: unknown; end?: unknown }; newText?: unknown } | null;
  return typeof q === 'object' && q !== null && typeof q.newText === 'string' && !!q.range && isPosition(q.range.start) && isPosition(q.range.end);
}

/** Local date as yyyy-mm-dd, for date completions. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Serves the KEP language features on `connection`; the caller starts it listening. */
export function serveKep(connection: Connection, host: LanguageServerHost): void {
  const files = new WorkspaceSnapshot();
  const analyzer = new KepAnalyzer(files);
  /** The workspace for completion and hover: other files over their size limit read as absent. */
  const limitedFiles = withinLimits(files);
  const documents = new Map<string, OpenDocument>();
  const pending = new Set<string>();
  let settings: UserSettings = { enable: true, analysis: { rules: {} }, updateTocOnSave: false };
  let workspaceRoot: string | undefined;
  let provideSymbols = true;
  let pullConfiguration = false;
  let watchDynamically = false;
  /** Where the client renders Markdown: hovers and completion documentation are plain text elsewhere. */
  let markdown: MarkdownSupport = { hover: false, documentation: false };

  /**
   * `run`'s result once every file it reads is in the snapshot and current: at once while typing
   * (nothing new to read), after the missing files are loaded otherwise.
   */
  function withFiles<T>(run: () => T, prepare?: () => void): T | Promise<T> {
    return settle(files, host.files, run, { verify: (path) => !watchDynamically || !isWatched(path, workspaceRoot), prepare });
  }

  /** A request's answer, or null when the client cancelled it before it ran ($/cancelRequest). */
  function answer<T>(token: CancellationToken | undefined, run: () => T): T | null | Promise<T | null> {
    if (token?.isCancellationRequested) return null;
    return withFiles(() => (token?.isCancellationRequested ? null : run()));
  }

  /**
   * Resolves after the messages that arrived meanwhile were handled. A timer rather than
   * host.defer: the connection handles a message it read in the same turn's immediates, which a
   * deferred slice queued earlier would run ahead of; a timer waits for the next turn.
   */
  function yieldToMessages(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  function readSettings(raw: unknown): UserSettings {
    const kep = (raw ?? {}) as {
      enable?: unknown;
      rules?: unknown;
      templatePath?: unknown;
      toc?: { updateOnSave?: unknown };
      insertSection?: { content?: unknown };
    };
    const rules: Record<string, SeveritySetting> = {};
    if (kep.rules && typeof kep.rules === 'object') {
      for (const [id, value] of Object.entries(kep.rules as Record<string, unknown>)) {
        if (ALL_RULE_IDS.includes(id) && (value === 'off' || SEVERITIES.includes(value as never))) rules[id] = value as SeveritySetting;
      }
    }
    let templatePath: string | undefined;
    if (typeof kep.templatePath === 'string' && kep.templatePath.trim()) templatePath = host.resolvePath(kep.templatePath.trim(), workspaceRoot);
    const insertSectionContent = kep.insertSection?.content === 'templateComment' ? 'templateComment' : 'empty';
    return { enable: kep.enable !== false, analysis: { rules, templatePath, insertSectionContent }, updateTocOnSave: kep.toc?.updateOnSave === true };
  }

  /**
   * The analysis context of a KEP README, or undefined when the document is not one, analysis is off,
   * or the README is too large or not text (every feature then answers nothing, at once).
   */
  function readmeContext(doc: OpenDocument) {
    if (!settings.enable || !doc.markdown || !analyzer.isKep(doc.path, doc.markdown)) return undefined;
    if (readmeInputProblem(doc.markdown)) return undefined;
    return analyzer.context(doc.path, doc.markdown, settings.analysis);
  }

  /** Findings for any open document: a KEP README, a kep.yaml or a PRR approval file. */
  function findingsFor(doc: OpenDocument): readonly Finding[] {
    if (!settings.enable) return [];
    if (doc.markdown) {
      if (!analyzer.isKep(doc.path, doc.markdown)) return [];
      const problem = readmeInputProblem(doc.markdown);
      if (problem) return inputProblemFindings(doc.path, 'readme', problem, settings.analysis);
      return runRules(analyzer.context(doc.path, doc.markdown, settings.analysis), settings.analysis);
    }
    if (doc.other && isMarkdown(doc)) return analyzer.analyzeText(doc.path, doc.other.getText(), settings.analysis) ?? [];
    if (doc.other) return analyzeMetadataFile(doc.path, doc.other.getText(), files, settings.analysis) ?? [];
    return [];
  }

  /** A metadata document small enough and textual enough for completion and hover. */
  function analysableMetadata(doc: OpenDocument | undefined): doc is OpenDocument & { other: TextDocument } {
    return !!doc?.other && settings.enable && isCheckedMetadataFile(doc.path) && !metadataInputProblem(doc.other.getText());
  }

  /**
   * Keeps a Markdown document in the form its size calls for: indexed up to MAX_README_CHARS, plain
   * text above it. An edit that crosses the limit switches the form, so analysis resumes as soon as
   * the text is small enough again.
   */
  function fitMarkdown(doc: OpenDocument): void {
    if (doc.indexing) return;
    if (doc.markdown && doc.markdown.charCount() > MAX_README_CHARS) {
      doc.other = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.markdown.getText());
      doc.markdown = undefined;
    } else if (doc.other && doc.other.getText().length <= MAX_README_CHARS) {
      doc.markdown = MarkdownIndex.fromText(doc.other.getText());
      doc.other = undefined;
    }
  }

  function reportFailure(uri: string, error: unknown): void {
    connection.console.error(`KEP analysis failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  function publish(uri: string): void | Promise<void> {
    pending.delete(uri);
    const doc = documents.get(uri);
    // A document being indexed is published when its index is complete.
    if (!doc || doc.indexing) return;
    // A large README's section bodies are parsed first, in slices, so that other requests are
    // answered meanwhile; the analysis then finds them parsed.
    if (doc.markdown && doc.markdown.charCount() > INDEX_SLICE_CHARS && settings.enable) {
      const version = doc.version;
      const warmed = withFiles(
        () => readmeContext(doc),
        () => analyzer.prepare(doc.path, settings.analysis),
      );
      return Promise.resolve(warmed)
        .then(async (ctx) => {
          const current = () => documents.get(uri) === doc && doc.version === version;
          if (!ctx || readmeInputProblem(doc.markdown!)) return analyseAndSend(uri, doc);
          const findings = await findingsInSlices(ctx, current);
          if (findings) analyseAndSend(uri, doc, findings);
        })
        .catch((error: unknown) => {
          // The same analysis in one piece reports the failure and publishes what it can.
          reportFailure(uri, error);
          analyseAndSend(uri, doc);
        });
    }
    analyseAndSend(uri, doc);
  }

  /**
   * A README's findings, computed a section body and a rule at a time, yielding to messages every
   * SLICE_MS; undefined when `current()` stops holding (the document changed or closed: a newer
   * analysis is scheduled).
   */
  async function findingsInSlices(ctx: KepContext, current: () => boolean): Promise<readonly Finding[] | undefined> {
    let sliceStart = Date.now();
    const pause = async (): Promise<boolean> => {
      if (Date.now() - sliceStart < SLICE_MS) return true;
      await yieldToMessages();
      sliceStart = Date.now();
      return current();
    };
    ctx.preambleFacts();
    for (const section of ctx.tree.sections) {
      ctx.facts(section);
      if (!(await pause())) return undefined;
    }
    const steps = runRulesStepwise(ctx, settings.analysis);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (!(await pause())) return undefined;
    }
  }

  function analyseAndSend(uri: string, doc: OpenDocument, findings?: readonly Finding[]): void {
    const publication = ++doc.publications;
    const version = doc.version;
    // A result that arrives after the document changed or closed, or after a newer analysis's
    // result was sent, is dropped (a change always schedules a newer analysis). One that a newer
    // analysis merely overtook is sent: the newer result follows when its files are at hand.
    const send = (diagnostics: readonly Diagnostic[]): void => {
      if (documents.get(uri) !== doc || doc.version !== version || publication < doc.sentPublication) return;
      doc.sentPublication = publication;
      // The list is shared with the next publication while nothing changes; sending does not modify it.
      void connection.sendDiagnostics({ uri, version, diagnostics: diagnostics as Diagnostic[] });
    };
    let result: readonly Diagnostic[] | Promise<readonly Diagnostic[]>;
    try {
      // A README's kep.yaml and template are read first, so that its analysis runs once.
      const prepare = doc.markdown && settings.enable ? () => analyzer.prepare(doc.path, settings.analysis) : undefined;
      result = findings ? toDiagnostics(findings) : withFiles(() => toDiagnostics(findingsFor(doc)), prepare);
    } catch (error) {
      reportFailure(uri, error);
      return send([]);
    }
    if (!(result instanceof Promise)) return send(result);
    result.then(send, (error: unknown) => {
      reportFailure(uri, error);
      send([]);
    });
  }

  /**
   * Coalesces a burst of changes into one analysis; results are always of the latest text. The
   * analyses wait in one queue and run one per turn of the event loop, so that requests that arrive
   * meanwhile (a hover) are answered between two documents, not after all of them.
   */
  const queue: string[] = [];
  let draining = false;
  function schedule(uri: string): void {
    if (pending.has(uri)) return;
    pending.add(uri);
    queue.push(uri);
    if (!draining) {
      draining = true;
      host.defer(drain);
    }
  }

  function drain(): void {
    const uri = queue.shift();
    const running = uri !== undefined && pending.has(uri) ? publish(uri) : undefined;
    const next = () => {
      if (queue.length) host.defer(drain);
      else draining = false;
    };
    // A large README's sliced analysis finishes before the next document's starts.
    if (running instanceof Promise) void running.then(next);
    else next();
  }

  /** Re-analyses every open document: the settings or files on disk changed. */
  function scheduleAll(): void {
    for (const doc of documents.values()) schedule(doc.uri);
  }

  /**
   * The open document at `path` was opened, edited or closed: re-analyses the open documents that
   * read it (itself included), as its editor text now stands in for the disk or no longer does.
   */
  function scheduleReadersOf(path: string): void {
    const open = [...documents.values()].map((doc) => ({ path: doc.path, text: () => textOf(doc) }));
    const readers = readersOf(path, open, settings.analysis.templatePath);
    if (readers === 'all') return scheduleAll();
    for (const doc of documents.values()) if (readers.has(doc.path)) schedule(doc.uri);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { documentSymbols?: boolean };
    provideSymbols = options.documentSymbols !== false;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    markdown = markdownSupport(params.capabilities);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) workspaceRoot = host.uriToPath(folder);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, willSaveWaitUntil: true },
        foldingRangeProvider: true,
        documentSymbolProvider: provideSymbols,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source', 'refactor.rewrite'] },
        completionProvider: { triggerCharacters: [':', ' ', '-', '"', '@', '#', '['] },
        hoverProvider: true,
      },
      serverInfo: { name: 'kep-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (watchDynamically) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (pullConfiguration) {
      settings = readSettings(await connection.workspace.getConfiguration('kep'));
      scheduleAll();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { kep?: unknown } | undefined)?.kep;
    if (pushed !== undefined) settings = readSettings(pushed);
    else if (pullConfiguration) settings = readSettings(await connection.workspace.getConfiguration('kep'));
    scheduleAll();
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const doc: OpenDocument = {
      uri: textDocument.uri,
      path: host.uriToPath(textDocument.uri),
      languageId: textDocument.languageId,
      version: textDocument.version,
      publications: 0,
      sentPublication: 0,
    };
    const size = textDocument.text.length;
    if (isMarkdown(doc) && size <= INDEX_SLICE_CHARS) doc.markdown = MarkdownIndex.fromText(textDocument.text);
    else doc.other = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    documents.set(doc.uri, doc);
    files.setOverlay(doc.path, () => textOf(doc));
    if (isMarkdown(doc) && size > INDEX_SLICE_CHARS && size <= MAX_README_CHARS) void indexInSlices(doc);
    else schedule(doc.uri);
    scheduleReadersOf(doc.path);
  });

  /**
   * Builds a large Markdown document's index a slice of lines at a time, answering other requests
   * in between; the document stays plain text (and unanalysed) until the index is complete. An edit
   * meanwhile starts the build again from the new text.
   */
  async function indexInSlices(doc: OpenDocument): Promise<void> {
    doc.indexing = true;
    try {
      for (;;) {
        const version = doc.version;
        const text = doc.other!.getText();
        let end = sliceEnd(text, 0);
        const index = MarkdownIndex.fromText(text.slice(0, end));
        let sliceStart = Date.now();
        while (end < text.length) {
          if (Date.now() - sliceStart >= SLICE_MS) {
            await yieldToMessages();
            if (documents.get(doc.uri) !== doc) return;
            if (doc.version !== version || !doc.other) break;
            sliceStart = Date.now();
          }
          const next = sliceEnd(text, end);
          const last = index.lineCount - 1;
          const at = index.line(last).length;
          index.applyEdit({ startLine: last, startCharacter: at, endLine: last, endCharacter: at, text: text.slice(end, next) });
          end = next;
        }
        if (documents.get(doc.uri) !== doc) return;
        if (doc.version === version && doc.other) {
          doc.markdown = index;
          doc.other = undefined;
          break;
        }
        // Edited meanwhile: start again from the new text, unless it no longer needs an index.
        if (!doc.other || doc.other.getText().length > MAX_README_CHARS) break;
      }
    } finally {
      doc.indexing = false;
    }
    if (documents.get(doc.uri) === doc) {
      schedule(doc.uri);
      scheduleReadersOf(doc.path);
    }
  }

  /** The end of the slice of `text` that starts at `from`: the first line end past INDEX_SLICE_CHARS. */
  function sliceEnd(text: string, from: number): number {
    const at = text.indexOf('\n', from + INDEX_SLICE_CHARS);
    return at < 0 ? text.length : at + 1;
  }

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return;
    doc.version = textDocument.version;
    if (doc.markdown) {
      for (const change of contentChanges) {
        if ('range' in change) {
          const { start, end } = change.range;
          doc.markdown.applyEdit({ startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character, text: change.text });
        } else doc.markdown = MarkdownIndex.fromText(change.text);
      }
      fitMarkdown(doc);
    } else if (doc.other) {
      doc.other = TextDocument.update(doc.other, contentChanges, textDocument.version);
      if (isMarkdown(doc)) fitMarkdown(doc);
      // A kep.yaml, a PRR file or a template open in an editor: the files that read it follow its unsaved text.
    }
    schedule(doc.uri);
    scheduleReadersOf(doc.path);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    documents.delete(textDocument.uri);
    pending.delete(textDocument.uri);
    if (doc) files.setOverlay(doc.path, undefined);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    if (doc) scheduleReadersOf(doc.path);
  });

  /**
   * Files changed on disk, gathered over a burst of watcher notifications (a checkout, a rebase)
   * and handled at once: each open document is analysed again once, not once per notification.
   */
  const changedOnDisk = new Set<string>();
  let createdOrDeleted = false;
  let watchTimer: ReturnType<typeof setTimeout> | undefined;
  let firstUnhandled = 0;
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = host.uriToPath(change.uri);
      files.invalidate(path);
      changedOnDisk.add(path);
      // A file that appears or goes changes folder listings, which any KEP may read.
      if (change.type !== FileChangeType.Changed) createdOrDeleted = true;
    }
    const now = Date.now();
    if (watchTimer === undefined) firstUnhandled = now;
    else clearTimeout(watchTimer);
    const wait = Math.max(0, Math.min(WATCH_QUIET_MS, firstUnhandled + WATCH_MAX_WAIT_MS - now));
    watchTimer = setTimeout(handleChangedOnDisk, wait);
  });

  function handleChangedOnDisk(): void {
    watchTimer = undefined;
    const paths = [...changedOnDisk];
    changedOnDisk.clear();
    if (createdOrDeleted) {
      createdOrDeleted = false;
      return scheduleAll();
    }
    for (const path of paths) scheduleReadersOf(path);
  }

  connection.onDocumentSymbol(({ textDocument }, token) =>
    answer(token, () => {
      const doc = documents.get(textDocument.uri);
      const ctx = provideSymbols && doc ? readmeContext(doc) : undefined;
      return ctx ? documentSymbols(ctx).map(toDocumentSymbol) : null;
    }),
  );

  connection.onFoldingRanges(({ textDocument }, token) =>
    answer(token, () => {
      const doc = documents.get(textDocument.uri);
      const ctx = doc ? readmeContext(doc) : undefined;
      return ctx ? foldingRanges(ctx).map(toFoldingRange) : null;
    }),
  );

  connection.onCodeAction(({ textDocument, range, context }, token) =>
    answer(token, () => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return null;
      const findings = findingsFor(doc);
      const actions: CodeAction[] = [];
      for (const finding of findings) {
        if (!finding.fix || !rangesOverlap(finding.range, range)) continue;
        const diagnostic = context.diagnostics.find(
          (d) => d.code === finding.rule && d.range.start.line === finding.range.start.line && d.range.start.character === finding.range.start.character,
        );
        const fix = doc.markdown && finding.fix.updatesToc ? { ...finding.fix, changes: fixChanges(doc.markdown, finding.fix) } : finding.fix;
        actions.push(toCodeAction(textDocument.uri, fix, diagnostic ?? toDiagnostic(finding), host.pathToUri));
      }
      const ctx = readmeContext(doc);
      if (ctx) {
        for (const action of authoringActions(ctx, findings, range)) {
          const changes = action.updatesToc ? withTocUpdate(ctx.index, action.changes) : action.changes;
          actions.push(
            CodeAction.create(action.title, { changes: { [textDocument.uri]: changes.map((c) => TextEdit.replace(c.range, c.newText)) } }, action.kind),
          );
        }
      }
      return actions;
    }),
  );

  connection.onWillSaveTextDocumentWaitUntil(({ textDocument }) =>
    withFiles(() => {
      const doc = documents.get(textDocument.uri);
      if (!settings.updateTocOnSave || !doc) return null;
      const ctx = readmeContext(doc);
      const stale = ctx ? toc.check(ctx).find((f) => f.fix?.title === UPDATE_TOC_TITLE) : undefined;
      return stale?.fix ? stale.fix.changes.map((c) => TextEdit.replace(c.range, c.newText)) : null;
    }),
  );

  /** The KEP-aware outline for the editor's sections view and status bar (a vscode-kep extension request). */
  connection.onRequest('kep/sectionsOutline', ({ uri }: { uri: string }, token: CancellationToken) =>
    answer(token, () => {
      const doc = documents.get(uri);
      const ctx = doc ? readmeContext(doc) : undefined;
      return ctx ? sectionsOutline(ctx) : null;
    }),
  );

  /**
   * Changes the client is about to apply to a README (the KEP Sections view inserting a section),
   * with the TOC rewrite they call for (a vscode-kep extension request).
   */
  connection.onRequest('kep/withTocUpdate', ({ uri, changes }: { uri: string; changes: TextChange[] }) =>
    withFiles(() => {
      const doc = documents.get(uri);
      if (!doc?.markdown || !Array.isArray(changes) || !changes.every(isTextChange)) return null;
      return withTocUpdate(doc.markdown, changes);
    }),
  );

  /** The files of a new KEP (a vscode-kep extension request); the client writes them. */
  connection.onRequest('kep/planNewKep', (input: Omit<NewKepInput, 'today'> & { today?: string }) => {
    const root = host.resolvePath(input.root, undefined);
    return withFiles(() => planNewKep({ ...input, root, today: input.today ?? today() }, files));
  });

  connection.onCompletion(({ textDocument, position }, token) =>
    answer(token, () => {
      const doc = documents.get(textDocument.uri);
      if (!doc || !settings.enable) return null;
      const { line, character } = position;
      if (doc.markdown) {
        const ctx = readmeContext(doc);
        if (!ctx) return null;
        const entries = [
          ...completeSectionHeading(ctx, line, character),
          ...completeChecklistItem(ctx, line, character),
          ...completeReadmeBullet({ path: doc.path, lines: doc.markdown.lines(), line, character, files: limitedFiles }),
        ];
        return entries.map((e) => toCompletionItem(e, markdown.documentation));
      }
      if (!analysableMetadata(doc)) return null;
      return completeMetadata({ path: doc.path, text: doc.other.getText(), line, character, files: limitedFiles, today: today() }).map((e) =>
        toCompletionItem(e, markdown.documentation),
      );
    }),
  );

  connection.onHover(({ textDocument, position }, token) =>
    answer(token, () => {
      const doc = documents.get(textDocument.uri);
      if (doc?.markdown) {
        const ctx = readmeContext(doc);
        const hover = ctx ? hoverReadme(ctx, position.line, position.character, doc.uri) : undefined;
        return hover ? toHover(hover, markdown.hover) : null;
      }
      if (!analysableMetadata(doc)) return null;
      const hover = hoverMetadata({ path: doc.path, text: doc.other.getText(), line: position.line, character: position.character, files: limitedFiles });
      return hover ? toHover(hover, markdown.hover) : null;
    }),
  );
}
