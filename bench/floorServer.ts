// The floor for the edit benchmarks: the least a language server can do per edit. It keeps each
// document's text with vscode-languageserver's TextDocuments (incremental sync) and answers every
// change with empty diagnostics for that version. Whatever it costs (the protocol, JSON, applying
// an edit to a JS string) ours pays too; ours minus this is what our analysis costs.
//
// initializationOptions.diagnostics, when given, is published instead of the empty list: the bench
// passes our server's diagnostics for the document, so that floor also carries the cost of sending
// (and the client of reading) that many diagnostics, which no analysis can avoid under LSP push.
import { createConnection, TextDocuments, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
let canned: Diagnostic[] = [];

connection.onInitialize((params) => {
  const options = params.initializationOptions as { diagnostics?: Diagnostic[] } | undefined;
  canned = options?.diagnostics ?? [];
  return { capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } } };
});

documents.onDidChangeContent(({ document }) => {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: canned });
});

documents.listen(connection);
connection.listen();
