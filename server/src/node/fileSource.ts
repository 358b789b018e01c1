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
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { FileSource } from '../core/workspace/settle';
import type { FileEntry } from '../core/workspace/snapshot';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const PAGE_BYTES = 4 * 1024;

/**
 * Why a file is held without its text. The core only sees "no text"; the entries say why, since a
 * file that lies about its size (a link to /proc/self/pagemap says it is empty) or that cannot be
 * opened needs a different remedy than one that is simply too large.
 */
export type Unread =
  /** It holds more than `limit` bytes: by its size, or it went on past the limit while being read. */
  | { kind: 'too-large'; limit: number; statedSize: number }
  /** Replaced by a FIFO, device or folder between the stat and the open. */
  | { kind: 'not-a-file' }
  /** The file system refused it; `code` is Node's (EACCES, EIO…). */
  | { kind: 'error'; code: string | undefined; message: string }
  /** Its real path (`target`) lies outside the trees the source is confined to. */
  | { kind: 'outside'; target: string };

export type ReadResult = { text: string; unread?: undefined } | { text: undefined; unread: Unread };

/** Called for every file a source loads without its text. */
export type UnreadListener = (path: string, why: Unread) => void;

/** What tells a later look that a path changed: kind, modification time and size. */
export function stampOf(stats: Stats): string {
  return stats.isDirectory() ? `d${stats.mtimeMs}` : `f${stats.mtimeMs}:${stats.size}`;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where `path` really is, when that is outside every one of `roots` (real paths); undefined when it
 * is inside one, or cannot be resolved (the read then fails on its own).
 */
function outsideRoots(path: string, roots: readonly string[]): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  return roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)) ? undefined : real;
}

/**
 * What `path` holds now: a file's text (bounded), a folder's names, or absent. With `roots`, a file
 * or folder whose real path is outside all of them (a link to /etc, to a home folder, to
 * /proc/self/environ) is held without its text or names.
 */
export function loadEntry(path: string, onUnread?: UnreadListener, roots?: readonly string[]): FileEntry {
  const stats = statOrUndefined(path);
  if (!stats) return { kind: 'absent' };
  const outside = roots && (stats.isFile() || stats.isDirectory()) ? outsideRoots(path, roots) : undefined;
  if (outside !== undefined) {
    onUnread?.(path, { kind: 'outside', target: outside });
    return stats.isDirectory()
      ? { kind: 'folder', names: undefined, stamp: stampOf(stats) }
      : { kind: 'file', text: undefined, size: stats.size, stamp: stampOf(stats) };
  }
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
  const read: ReadResult =
    stats.size <= MAX_FILE_BYTES ? readWhole(path) : { text: undefined, unread: { kind: 'too-large', limit: MAX_FILE_BYTES, statedSize: stats.size } };
  if (read.unread) onUnread?.(path, read.unread);
  return { kind: 'file', text: read.text, size: stats.size, stamp: stampOf(stats) };
}

export class NodeFileSource implements FileSource {
  /**
   * `onUnread` hears of every file loaded without its text, to tell the user why. With `roots` (real
   * paths), nothing whose real path lies outside them is read: kep-lint runs on pull requests in CI,
   * where a kep.yaml that links to a secret file could otherwise bring its content into a finding.
   */
  constructor(
    private readonly onUnread?: UnreadListener,
    private readonly roots?: readonly string[],
  ) {}

  load(path: string): Promise<FileEntry> {
    return Promise.resolve(loadEntry(path, this.onUnread, this.roots));
  }

  stamp(path: string): Promise<string | undefined> {
    const stats = statOrUndefined(path);
    return Promise.resolve(stats && (stats.isFile() || stats.isDirectory()) ? stampOf(stats) : undefined);
  }
}

/**
 * A file's text, or undefined when it cannot be read, is not a regular file, or holds more than
 * MAX_FILE_BYTES. The limit is kept while reading (at most one page past it), not taken from a
 * stat: a file may have grown
 * since, and some (in /proc) say they are empty and never end.
 */
export function readBounded(path: string): string | undefined {
  return readWhole(path).text;
}

/** As readBounded, saying why there is no text. */
export function readWhole(path: string): ReadResult {
  const read = readUpTo(path, MAX_FILE_BYTES + 1);
  if ('unread' in read) return { text: undefined, unread: read.unread };
  if (read.bytes.length > MAX_FILE_BYTES) return { text: undefined, unread: { kind: 'too-large', limit: MAX_FILE_BYTES, statedSize: read.statedSize } };
  return { text: read.bytes.toString('utf8') };
}

/**
 * The first `bytes` bytes of a file (fewer if it is shorter), to tell whether a file too large to
 * read whole is a KEP; no text when it is not a regular file or cannot be read.
 */
export function readHead(path: string, bytes: number): ReadResult {
  const read = readUpTo(path, bytes);
  return 'bytes' in read ? { text: read.bytes.toString('utf8', 0, Math.min(bytes, read.bytes.length)) } : { text: undefined, unread: read.unread };
}

/**
 * At least `max` bytes of a regular file if it has them (a little more, up to a page), however
 * large it says it is. Reads are asked for in whole pages: some files under /proc refuse a read
 * whose length is not a multiple of their record size.
 */
function readUpTo(path: string, max: number): { bytes: Buffer; statedSize: number } | { unread: Unread } {
  const capacity = Math.ceil(max / PAGE_BYTES) * PAGE_BYTES;
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO put in the file's place since the stat cannot hold the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    // The path may have been replaced by a FIFO or device since it was stat'ed: never read those.
    if (!stats.isFile()) return { unread: { kind: 'not-a-file' } };
    // Room for one page more than the stat's size, so that a file of that size is read in one call
    // and its end seen in the next; the buffer doubles while the file goes on, up to `capacity`.
    let buffer = Buffer.allocUnsafe(Math.min(Math.ceil((stats.size + 1) / PAGE_BYTES) * PAGE_BYTES, capacity));
    let total = 0;
    while (total < max) {
      if (total === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, capacity));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const bytesRead = readSync(fd, buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return { bytes: buffer.subarray(0, total), statedSize: stats.size };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { unread: { kind: 'error', code: e.code, message: e.message ?? String(error) } };
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
