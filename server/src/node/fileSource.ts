// The file system as the Node entries (the language server, kep-lint) load it into a
// WorkspaceSnapshot, bounded so that no file an analysis consults can stall the process or fill
// its memory. A file over MAX_FILE_BYTES is held without text (the checks that read it treat it as
// unreadable); anything that is neither a file nor a folder (a FIFO, a device, a socket) is never
// opened and counts as absent.
//
// The FileSource interface is asynchronous (the browser's file system is), but on Node the reads
// themselves are synchronous: they are small local files, and measured on opening the whole sample
// in the server, reads through the thread pool took 20-40 % longer overall, because each of a
// read's steps (stat, open, read, close) waits for the event loop while analyses occupy it.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import type { FileSource } from '../core/workspace/settle';
import type { FileEntry } from '../core/workspace/snapshot';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MIN_BUFFER_BYTES = 4 * 1024;

function stampOf(stats: Stats): string {
  return stats.isDirectory() ? `d${stats.mtimeMs}` : `f${stats.mtimeMs}:${stats.size}`;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** What `path` holds now: a file's text (bounded), a folder's names, or absent. */
export function loadEntry(path: string): FileEntry {
  const stats = statOrUndefined(path);
  if (!stats) return { kind: 'absent' };
  if (stats.isDirectory()) {
    let names: string[] | undefined;
    try {
      names = readdirSync(path).sort();
    } catch {
      names = undefined;
    }
    return { kind: 'folder', names, stamp: stampOf(stats) };
  }
  if (!stats.isFile()) return { kind: 'absent' };
  return { kind: 'file', text: stats.size <= MAX_FILE_BYTES ? readBounded(path) : undefined, size: stats.size, stamp: stampOf(stats) };
}

export class NodeFileSource implements FileSource {
  load(path: string): Promise<FileEntry> {
    return Promise.resolve(loadEntry(path));
  }

  stamp(path: string): Promise<string | undefined> {
    const stats = statOrUndefined(path);
    return Promise.resolve(stats && (stats.isFile() || stats.isDirectory()) ? stampOf(stats) : undefined);
  }
}

/**
 * A file's text, or undefined when it cannot be read, is not a regular file, or holds more than
 * MAX_FILE_BYTES. The limit is kept while reading, not taken from a stat: a file may have grown
 * since, and some (in /proc) say they are empty and never end.
 */
export function readBounded(path: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO put in the file's place since the stat cannot hold the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    // The path may have been replaced by a FIFO or device since it was stat'ed: never read those.
    if (!stats.isFile()) return undefined;
    // One byte more than the stat's size, so that a file of that size is read in one call and its
    // end seen in the next; the buffer doubles while the file goes on, up to the limit + 1.
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(stats.size + 1, MIN_BUFFER_BYTES), MAX_FILE_BYTES + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (buffer.length > MAX_FILE_BYTES) return undefined;
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const bytesRead = readSync(fd, buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return buffer.toString('utf8', 0, total);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing more to do with it.
      }
    }
  }
}

/** Absolute '/'-separated form of a native path, the form the analysis core uses. */
export function toCorePath(nativePath: string): string {
  return nativePath.replace(/\\/g, '/');
}
