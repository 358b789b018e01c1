// The LSP glue, shared by every LSP entry (node/main.ts today, a browser entry later): a function
// of a connection and of the host's IO. It keeps each open Markdown document as an incremental
// MarkdownIndex, runs the core's analyses against a WorkspaceSnapshot settled from the host's
// FileSource (core/workspace/settle.ts), and converts the results. It does no IO of its own.
import {
  DidChangeWatchedFilesNotification,
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
import type { Finding } from '../core/rules/rule';
import { toc, UPDATE_TOC_TITLE } from '../core/rules/toc';
import { inputProblemFindings, KepAnalyzer, readmeInputProblem, runRules, type AnalysisSettings } from '../core/features/analysis';
import { MAX_README_CHARS } from '../core/text/limits';
import { analyzeMetadataFile, isCheckedMetadataFile, metadataInputProblem, withinLimits } from '../core/features/metadataFiles';
import { readersOf } from '../core/features/documentReaders';
import { ALL_RULE_IDS } from '../core/features/ruleCatalog';
import { foldingRanges } from '../core/features/folding';
import { completeReadmeBullet } from '../core/features/readmeCompletion';
import { hoverReadme } from '../core/features/readmeHover';
import { completeChecklistItem, completeSectionHeading } from '../core/features/sectionCompletion';
import { authoringActions } from '../core/features/authoringActions';
import { sectionsOutline } from '../core/features/sectionsOutline';
import { planNewKep, type NewKepInput } from '../core/features/newKep';
import { documentSymbols } from '../core/features/symbols';
import { completeMetadata } from '../core/features/yamlCompletion';
import { hoverMetadata } from '../core/features/yamlHover';
import { VERSION } from '../core/version';

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

  function publish(uri: string): void {
    pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
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
      result = withFiles(() => toDiagnostics(findingsFor(doc)), prepare);
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

  /** Coalesces a burst of changes into one analysis; results are always of the latest text. */
  function schedule(uri: string): void {
    if (pending.has(uri)) return;
    pending.add(uri);
    host.defer(() => publish(uri));
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
    if (isMarkdown(doc) && textDocument.text.length <= MAX_README_CHARS) doc.markdown = MarkdownIndex.fromText(textDocument.text);
    else doc.other = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    documents.set(doc.uri, doc);
    files.setOverlay(doc.path, () => textOf(doc));
    schedule(doc.uri);
    scheduleReadersOf(doc.path);
  });

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

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) files.invalidate(host.uriToPath(change.uri));
    scheduleAll();
  });

  connection.onDocumentSymbol(({ textDocument }) =>
    withFiles(() => {
      const doc = documents.get(textDocument.uri);
      const ctx = provideSymbols && doc ? readmeContext(doc) : undefined;
      return ctx ? documentSymbols(ctx).map(toDocumentSymbol) : null;
    }),
  );

  connection.onFoldingRanges(({ textDocument }) =>
    withFiles(() => {
      const doc = documents.get(textDocument.uri);
      const ctx = doc ? readmeContext(doc) : undefined;
      return ctx ? foldingRanges(ctx).map(toFoldingRange) : null;
    }),
  );

  connection.onCodeAction(({ textDocument, range, context }) =>
    withFiles(() => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return null;
      const findings = findingsFor(doc);
      const actions: CodeAction[] = [];
      for (const finding of findings) {
        if (!finding.fix || !rangesOverlap(finding.range, range)) continue;
        const diagnostic = context.diagnostics.find(
          (d) => d.code === finding.rule && d.range.start.line === finding.range.start.line && d.range.start.character === finding.range.start.character,
        );
        actions.push(toCodeAction(textDocument.uri, finding.fix, diagnostic ?? toDiagnostic(finding), host.pathToUri));
      }
      const ctx = readmeContext(doc);
      if (ctx) {
        for (const action of authoringActions(ctx, findings, range)) {
          actions.push(
            CodeAction.create(action.title, { changes: { [textDocument.uri]: action.changes.map((c) => TextEdit.replace(c.range, c.newText)) } }, action.kind),
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
  connection.onRequest('kep/sectionsOutline', ({ uri }: { uri: string }) =>
    withFiles(() => {
      const doc = documents.get(uri);
      const ctx = doc ? readmeContext(doc) : undefined;
      return ctx ? sectionsOutline(ctx) : null;
    }),
  );

  /** The files of a new KEP (a vscode-kep extension request); the client writes them. */
  connection.onRequest('kep/planNewKep', (input: Omit<NewKepInput, 'today'> & { today?: string }) => {
    const root = host.resolvePath(input.root, undefined);
    return withFiles(() => planNewKep({ ...input, root, today: input.today ?? today() }, files));
  });

  connection.onCompletion(({ textDocument, position }) =>
    withFiles(() => {
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

  connection.onHover(({ textDocument, position }) =>
    withFiles(() => {
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
