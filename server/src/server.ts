// The language server: LSP glue only. It keeps each open Markdown document as an incremental
// MarkdownIndex, looks documents up, calls the analysis service and converts its results.
// Runs over IPC inside VS Code and over stdio (`kep-language-server --stdio`) for other editors.
import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { format } from 'node:util';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextEdit,
  CodeAction,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileWorkspace, toCorePath } from './fileWorkspace';
import { toCodeAction, toCompletionItem, toDiagnostic, toDiagnostics, toDocumentSymbol, toFoldingRange, toHover } from './lspConvert';
import { cachingJsonEncoder } from './messageEncoder';
import { MarkdownIndex } from './model/markdownIndex';
import { rangesOverlap } from './model/positions';
import { SEVERITIES, type SeveritySetting } from './rules/rule';
import type { Finding } from './rules/rule';
import { toc, UPDATE_TOC_TITLE } from './rules/toc';
import { inputProblemFindings, KepAnalyzer, readmeInputProblem, runRules, type AnalysisSettings } from './service/analysis';
import { MAX_README_CHARS } from './model/limits';
import { analyzeMetadataFile, isCheckedMetadataFile, metadataInputProblem, withinLimits } from './service/metadataFiles';
import { readersOf } from './service/documentReaders';
import { ALL_RULE_IDS } from './service/ruleCatalog';
import { foldingRanges } from './service/folding';
import { completeReadmeBullet } from './service/readmeCompletion';
import { hoverReadme } from './service/readmeHover';
import { completeChecklistItem, completeSectionHeading } from './service/sectionCompletion';
import { authoringActions } from './service/authoringActions';
import { sectionsOutline } from './service/sectionsOutline';
import { planNewKep, type NewKepInput } from './service/newKep';
import { documentSymbols } from './service/symbols';
import { completeMetadata } from './service/yamlCompletion';
import { hoverMetadata } from './service/yamlHover';
import { VERSION } from './version';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const USAGE = `kep-language-server ${VERSION}: the KEP language server (Language Server Protocol).
Usage: kep-language-server --stdio

  --stdio          talk LSP over standard input and output (what editors other than VS Code use)
  --node-ipc       talk LSP over Node's IPC channel (what VS Code uses)
  -h, --help       show this help
  -v, --version    show the version
`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (!args.some((a) => TRANSPORT_FLAGS.some((f) => a.startsWith(f)))) {
  process.stderr.write(`${USAGE}\nkep-language-server: no transport given: start it with --stdio.\n`);
  process.exit(2);
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
}

interface UserSettings {
  enable: boolean;
  analysis: AnalysisSettings;
  /** Rewrite a stale table of contents when a KEP README is saved. */
  updateTocOnSave: boolean;
}

const connection = createServerConnection();

/**
 * Over stdio, messages go through our encoder, which keeps the JSON of unchanged diagnostics
 * (messageEncoder.ts); other transports are set up by vscode-languageserver from the arguments.
 */
function createServerConnection() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const created = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout, { contentTypeEncoder: cachingJsonEncoder }),
  );
  // The client going away ends the server, as vscode-languageserver does for the stdio it sets up.
  let shutdownReceived = false;
  created.onShutdown(() => {
    shutdownReceived = true;
  });
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdownReceived ? 0 : 1));
  // stdout carries the protocol: console output goes to the client's log instead, as
  // vscode-languageserver arranges when it sets up stdio itself.
  const toLog =
    (write: (message: string) => void) =>
    (...args: unknown[]) =>
      write(format(...args));
  console.log = toLog((m) => created.console.log(m));
  console.info = toLog((m) => created.console.info(m));
  console.warn = toLog((m) => created.console.warn(m));
  console.error = toLog((m) => created.console.error(m));
  console.debug = toLog((m) => created.console.log(m));
  return created;
}
const files = new FileWorkspace();
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

function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return toCorePath(fileURLToPath(uri));
    } catch {
      return uri;
    }
  }
  return uri;
}

function isMarkdown(doc: OpenDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.path);
}

function textOf(doc: OpenDocument): string {
  return doc.markdown ? doc.markdown.getText() : (doc.other?.getText() ?? '');
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
  if (typeof kep.templatePath === 'string' && kep.templatePath.trim()) {
    const p = kep.templatePath.trim();
    templatePath = toCorePath(isAbsolute(p) || !workspaceRoot ? p : resolve(workspaceRoot, p));
  }
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

function publish(uri: string): void {
  pending.delete(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  let diagnostics: readonly Diagnostic[] = [];
  try {
    diagnostics = toDiagnostics(findingsFor(doc));
  } catch (error) {
    connection.console.error(`KEP analysis failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  // The list is shared with the next publication while nothing changes; sending does not modify it.
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnostics as Diagnostic[] });
}

/** Coalesces a burst of changes into one analysis; results are always of the latest text. */
function schedule(uri: string): void {
  if (pending.has(uri)) return;
  pending.add(uri);
  setImmediate(() => publish(uri));
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
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (folder) workspaceRoot = uriToPath(folder);
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
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/kep.yaml' },
        { globPattern: '**/keps/NNNN-kep-template/README.md' },
        { globPattern: '**/keps/prod-readiness/**/*.yaml' },
        { globPattern: '**/OWNERS_ALIASES' },
        { globPattern: '**/keps/*/*/README.md' },
      ],
    });
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
  const doc: OpenDocument = { uri: textDocument.uri, path: uriToPath(textDocument.uri), languageId: textDocument.languageId, version: textDocument.version };
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
    schedule(doc.uri);
    scheduleReadersOf(doc.path);
  } else if (doc.other && isMarkdown(doc)) {
    doc.other = TextDocument.update(doc.other, contentChanges, textDocument.version);
    fitMarkdown(doc);
    schedule(doc.uri);
    scheduleReadersOf(doc.path);
  } else if (doc.other) {
    doc.other = TextDocument.update(doc.other, contentChanges, textDocument.version);
    // kep.yaml, a PRR file or a template open in an editor: the files that read it follow its unsaved text.
    schedule(doc.uri);
    scheduleReadersOf(doc.path);
  }
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
  for (const change of changes) files.forget(uriToPath(change.uri));
  scheduleAll();
});

connection.onDocumentSymbol(({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  const ctx = provideSymbols && doc ? readmeContext(doc) : undefined;
  return ctx ? documentSymbols(ctx).map(toDocumentSymbol) : null;
});

connection.onFoldingRanges(({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  const ctx = doc ? readmeContext(doc) : undefined;
  return ctx ? foldingRanges(ctx).map(toFoldingRange) : null;
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const findings = findingsFor(doc);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!finding.fix || !rangesOverlap(finding.range, range)) continue;
    const diagnostic = context.diagnostics.find(
      (d) => d.code === finding.rule && d.range.start.line === finding.range.start.line && d.range.start.character === finding.range.start.character,
    );
    actions.push(toCodeAction(textDocument.uri, finding.fix, diagnostic ?? toDiagnostic(finding)));
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
});

connection.onWillSaveTextDocumentWaitUntil(({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  if (!settings.updateTocOnSave || !doc) return null;
  const ctx = readmeContext(doc);
  const stale = ctx ? toc.check(ctx).find((f) => f.fix?.title === UPDATE_TOC_TITLE) : undefined;
  return stale?.fix ? stale.fix.changes.map((c) => TextEdit.replace(c.range, c.newText)) : null;
});

/** The KEP-aware outline for the editor's sections view and status bar (a vscode-kep extension request). */
connection.onRequest('kep/sectionsOutline', ({ uri }: { uri: string }) => {
  const doc = documents.get(uri);
  const ctx = doc ? readmeContext(doc) : undefined;
  return ctx ? sectionsOutline(ctx) : null;
});

/** The files of a new KEP (a vscode-kep extension request); the client writes them. */
connection.onRequest('kep/planNewKep', (input: Omit<NewKepInput, 'today'> & { today?: string }) =>
  planNewKep({ ...input, root: toCorePath(input.root), today: input.today ?? today() }, files),
);

/** Local date as yyyy-mm-dd, for date completions. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

connection.onCompletion(({ textDocument, position }) => {
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
    return entries.map(toCompletionItem);
  }
  if (!analysableMetadata(doc)) return null;
  return completeMetadata({ path: doc.path, text: doc.other.getText(), line, character, files: limitedFiles, today: today() }).map(toCompletionItem);
});

connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  if (doc?.markdown) {
    const ctx = readmeContext(doc);
    const hover = ctx ? hoverReadme(ctx, position.line, position.character, doc.uri) : undefined;
    return hover ? toHover(hover) : null;
  }
  if (!analysableMetadata(doc)) return null;
  const hover = hoverMetadata({ path: doc.path, text: doc.other.getText(), line: position.line, character: position.character, files: limitedFiles });
  return hover ? toHover(hover) : null;
});

connection.listen();
