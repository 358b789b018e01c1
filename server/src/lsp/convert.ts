// Conversions between the analysis core's plain data and LSP types. The only module besides
// server.ts that knows the protocol.
import {
  CodeAction,
  CreateFile,
  TextDocumentEdit,
  type WorkspaceEdit,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Hover,
  InsertTextFormat,
  MarkupKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  TextEdit,
  type ClientCapabilities,
  type MarkupContent,
} from 'vscode-languageserver';
import type { Fold } from '../core/features/folding';
import type { CompletionEntry } from '../core/features/yamlCompletion';
import type { MetadataHover } from '../core/features/yamlHover';
import type { SectionSymbol } from '../core/features/symbols';
import type { Finding, Fix, Severity } from '../core/rules/rule';
import { printableLine } from '../core/text/markdownEscape';
import { markdownToPlainText } from '../core/text/markdownPlainText';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'kep';

/** The diagnostic of each finding object (findings are never mutated; see runRules). */
const diagnostics = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  const known = diagnostics.get(finding);
  if (known) return known;
  const diagnostic = makeDiagnostic(finding);
  diagnostics.set(finding, diagnostic);
  return diagnostic;
}

/** The diagnostics of each findings list: the analysis returns the same list while nothing changed. */
const diagnosticLists = new WeakMap<readonly Finding[], readonly Diagnostic[]>();

export function toDiagnostics(findings: readonly Finding[]): readonly Diagnostic[] {
  let list = diagnosticLists.get(findings);
  if (!list) {
    list = findings.map(toDiagnostic);
    diagnosticLists.set(findings, list);
  }
  return list;
}

function makeDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    message: finding.message,
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** `fileUri` names the files a fix creates: the host's form of a URI for a core path. */
export function toCodeAction(uri: string, fix: Fix, diagnostic: Diagnostic | undefined, fileUri: (path: string) => string): CodeAction {
  const edits = fix.changes.map((c) => TextEdit.replace(c.range, c.newText));
  const edit: WorkspaceEdit = fix.createFiles?.length
    ? {
        documentChanges: [
          ...fix.createFiles.flatMap((file) => [
            CreateFile.create(fileUri(file.path), { ignoreIfExists: true }),
            TextDocumentEdit.create({ uri: fileUri(file.path), version: null }, [TextEdit.insert({ line: 0, character: 0 }, file.text)]),
          ]),
          ...(edits.length ? [TextDocumentEdit.create({ uri, version: null }, edits)] : []),
        ],
      }
    : { changes: { [uri]: edits } };
  const action = CodeAction.create(printableLine(fix.title), edit, CodeActionKind.QuickFix);
  if (diagnostic) {
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
  }
  return action;
}

export function toDocumentSymbol(symbol: SectionSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbol.level === 6 ? SymbolKind.Key : SymbolKind.String,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

export function toFoldingRange(fold: Fold): FoldingRange {
  return { startLine: fold.startLine, endLine: fold.endLine, kind: fold.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region };
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** Where the client renders Markdown; elsewhere it is sent plain text. */
export interface MarkdownSupport {
  hover: boolean;
  documentation: boolean;
}

/**
 * A client renders Markdown only where it lists it among its formats: one that says nothing may
 * predate Markdown content, and plain text reads correctly everywhere.
 */
export function markdownSupport(capabilities: ClientCapabilities): MarkdownSupport {
  const lists = (formats: readonly string[] | undefined) => formats?.includes(MarkupKind.Markdown) === true;
  return {
    hover: lists(capabilities.textDocument?.hover?.contentFormat),
    documentation: lists(capabilities.textDocument?.completion?.completionItem?.documentationFormat),
  };
}

function markup(markdown: string, rendered: boolean): MarkupContent {
  return rendered ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}

/** `markdown`: whether the client renders Markdown documentation (see markdownSupport). */
export function toCompletionItem(entry: CompletionEntry, markdown: boolean): CompletionItem {
  const item: CompletionItem = {
    label: entry.label,
    kind: COMPLETION_KIND[entry.kind],
    detail: entry.detail,
    sortText: entry.sortText,
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (entry.documentation) item.documentation = markup(entry.documentation, markdown);
  if (entry.replace) {
    const r = entry.replace;
    item.textEdit = {
      range: { start: { line: r.startLine, character: r.startCharacter }, end: { line: r.endLine, character: r.endCharacter } },
      newText: entry.insertText,
    };
    item.filterText = entry.label;
  } else item.insertText = entry.insertText;
  return item;
}

/** `markdown`: whether the client renders Markdown hovers (see markdownSupport). */
export function toHover(hover: MetadataHover, markdown: boolean): Hover {
  const r = hover.range;
  return {
    contents: markup(hover.markdown, markdown),
    range: { start: { line: r.startLine, character: r.startCharacter }, end: { line: r.endLine, character: r.endCharacter } },
  };
}
