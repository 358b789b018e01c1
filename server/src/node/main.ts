// The language server's Node entry (`kep-language-server`): over IPC inside VS Code, over stdio for
// other editors. It only adapts: the process's arguments and streams, Node's file system as the
// FileSource, file: URIs as paths; the LSP glue (lsp/server.ts) does the rest.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { serveKep } from '../lsp/server';
import { NodeFileSource, toCorePath } from './fileSource';
import { describeUnread } from './readProblems';
import { cachingJsonEncoder } from './messageEncoder';
import { VERSION } from '../core/version';

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

function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return toCorePath(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

const connection = createServerConnection();
serveKep(connection, {
  // The checks take a file they could not read whole as missing; the log says which and why, since
  // the findings alone (a "missing" approval file) would mislead.
  files: new NodeFileSource((path, why) =>
    console.warn(`${path} could not be read whole, so the KEP checks that read it take it as missing: ${describeUnread(why)}.`),
  ),
  uriToPath,
  pathToUri: (path) => pathToFileURL(path).href,
  resolvePath: (written, root) => toCorePath(isAbsolute(written) || !root ? written : resolve(root, written)),
  defer: (task) => setImmediate(task),
});
connection.listen();
