// The JSON encoder for stream transports (stdio, which every editor but VS Code uses). Diagnostics are
// published on every edit, and on a large KEP the list runs to hundreds of entries, almost all of
// them the same objects as in the last list (the analysis and lspConvert keep them by identity).
// Writing that list out is the largest cost of an edit that changes nothing else, so the encoded
// bytes of each list, and the JSON of each diagnostic, are kept for as long as those objects live.
// Every other message is encoded as vscode-jsonrpc's default encoder does.
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Diagnostic, Message } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: readonly Diagnostic[];
}

const diagnosticJson = new WeakMap<Diagnostic, string>();
const listBytes = new WeakMap<readonly Diagnostic[], Buffer>();

/** The params of a publishDiagnostics notification whose JSON this encoder writes itself, or undefined. */
function publishParams(msg: Message): PublishParams | undefined {
  const m = msg as { method?: unknown; params?: unknown };
  if (m.method !== PUBLISH_DIAGNOSTICS || Object.keys(m).join() !== 'jsonrpc,method,params') return undefined;
  const params = m.params as Record<string, unknown> | undefined;
  if (!params || typeof params.uri !== 'string' || !Array.isArray(params.diagnostics)) return undefined;
  // Only the fields LSP defines, in the order JSON.stringify would write them (it skips undefined).
  const keys = Object.keys(params).filter((k) => params[k] !== undefined);
  if (keys.join() !== (params.version === undefined ? 'uri,diagnostics' : 'uri,version,diagnostics')) return undefined;
  return params as unknown as PublishParams;
}

function encodedList(diagnostics: readonly Diagnostic[]): Buffer {
  let bytes = listBytes.get(diagnostics);
  if (!bytes) {
    const parts: string[] = new Array<string>(diagnostics.length);
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i];
      let json = diagnosticJson.get(d);
      if (json === undefined) {
        json = JSON.stringify(d);
        diagnosticJson.set(d, json);
      }
      parts[i] = json;
    }
    bytes = Buffer.from(`[${parts.join(',')}]`, 'utf8');
    listBytes.set(diagnostics, bytes);
  }
  return bytes;
}

/** The JSON of `msg` as bytes: what JSON.stringify(msg) gives, by way of the kept pieces where it can. */
export function encodeMessage(msg: Message, charset: BufferEncoding = 'utf8'): Buffer {
  const params = /^utf-?8$/i.test(charset) ? publishParams(msg) : undefined;
  if (!params) return Buffer.from(JSON.stringify(msg), charset);
  const version = params.version === undefined ? '' : `"version":${JSON.stringify(params.version)},`;
  const head = `{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":{"uri":${JSON.stringify(params.uri)},${version}"diagnostics":`;
  return Buffer.concat([Buffer.from(head, 'utf8'), encodedList(params.diagnostics), CLOSE]);
}

const CLOSE = Buffer.from('}}', 'utf8');

export const cachingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(msg, options.charset as BufferEncoding));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
