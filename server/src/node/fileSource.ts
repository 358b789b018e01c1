// The file system as the Node entries (the language server, kep-lint) load it into a
// WorkspaceSnapshot: asynchronous, and bounded, so that no file an analysis consults can stall the
// server or fill its memory. A file over MAX_FILE_BYTES is held without text (the checks that
// read it treat it as unreadable); anything that is neither a file nor a folder (a FIFO, a device,
// a socket) is never opened and counts as absent.
import { open, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileSource } from '../core/workspace/settle';
import type { FileEntry } from '../core/workspace/snapshot';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

function stampOf(stats: Stats): string {
  return stats.isDirectory() ? `d${stats.mtimeMs}` : `f${stats.mtimeMs}:${stats.size}`;
}

export class NodeFileSource implements FileSource {
  async load(path: string): Promise<FileEntry> {
    let stats: Stats;
    try {
      stats = await stat(path);
    } catch {
      return { kind: 'absent' };
    }
    if (stats.isDirectory()) {
      let names: string[] | undefined;
      try {
        names = (await readdir(path)).sort();
      } catch {
        names = undefined;
      }
      return { kind: 'folder', names, stamp: stampOf(stats) };
    }
    if (!stats.isFile()) return { kind: 'absent' };
    return { kind: 'file', text: stats.size <= MAX_FILE_BYTES ? await readBounded(path) : undefined, size: stats.size, stamp: stampOf(stats) };
  }

  async stamp(path: string): Promise<string | undefined> {
    try {
      const stats = await stat(path);
      return stats.isFile() || stats.isDirectory() ? stampOf(stats) : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * A file's text, or undefined when it cannot be read or holds more than MAX_FILE_BYTES (it may
 * have grown since it was stat'ed, so the limit is kept while reading, not taken from the stat).
 */
export async function readBounded(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_FILE_BYTES) return undefined;
      chunks.push(bytesRead === CHUNK_BYTES ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Absolute '/'-separated form of a native path, the form the analysis core uses. */
export function toCorePath(nativePath: string): string {
  return nativePath.replace(/\\/g, '/');
}
