import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { cachingJsonEncoder, encodeMessage } from '../../server/src/node/messageEncoder';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 2,
  source: 'kep',
  code: 'empty-section',
  message,
});

const publish = (params: object) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });

describe('message encoder (stdio)', () => {
  it('writes exactly what JSON.stringify writes, for diagnostics and every other message', () => {
    const diagnostics = [diagnostic(1, "'## Summary' is empty — write it"), { ...diagnostic(2, 'quote " and \\ and \u2028'), tags: [1] }];
    const messages = [
      publish({ uri: 'file:///ws/keps/sig-x/1-a/README.md', version: 7, diagnostics }),
      publish({ uri: 'file:///ws/a%20b/README.md', diagnostics }),
      publish({ uri: 'file:///ws/README.md', version: undefined, diagnostics: [] }),
      { jsonrpc: '2.0', id: 3, result: { capabilities: {} } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'ünïcode' } },
      // Not the shape this encoder writes itself: left to JSON.stringify.
      publish({ diagnostics, uri: 'file:///x' }),
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [] }, extra: 1 },
    ];
    for (const msg of messages) {
      assert.equal(encodeMessage(msg as never).toString('utf8'), JSON.stringify(msg), JSON.stringify(msg));
    }
  });

  it('encodes a diagnostics list once while it lives', () => {
    const d = diagnostic(1, 'first');
    const list = [d];
    const first = encodeMessage(publish({ uri: 'file:///x', version: 1, diagnostics: list }) as never).toString();
    // Diagnostics are never changed once made; this one is, only to show its JSON is not made again.
    d.message = 'changed';
    const again = encodeMessage(publish({ uri: 'file:///x', version: 2, diagnostics: list }) as never).toString();
    assert.equal(again, first.replace('"version":1', '"version":2'));
    const newList = encodeMessage(publish({ uri: 'file:///x', version: 3, diagnostics: [d, diagnostic(2, 'second')] }) as never).toString();
    assert.match(newList, /"message":"first".*"message":"second"/, 'a new list reuses the JSON of each diagnostic it shares');
  });

  it('as a vscode-jsonrpc content encoder: bytes for UTF-8, JSON.stringify for other charsets', async () => {
    const msg = publish({ uri: 'file:///x', version: 1, diagnostics: [diagnostic(1, 'é')] });
    assert.equal(Buffer.from(await cachingJsonEncoder.encode(msg as never, { charset: 'utf-8' })).toString('utf8'), JSON.stringify(msg));
    assert.equal(
      Buffer.from(await cachingJsonEncoder.encode(msg as never, { charset: 'ascii' })).toString('ascii'),
      Buffer.from(JSON.stringify(msg), 'ascii').toString('ascii'),
    );
  });
});
