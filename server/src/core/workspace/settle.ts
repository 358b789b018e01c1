// Runs a synchronous analysis against a WorkspaceSnapshot until it has every file it reads (see
// snapshot.ts). Each entry provides the FileSource (Node's file system, the client's in the
// browser); this loop is the one mechanism they share.
import type { FileEntry, WorkspaceSnapshot } from './snapshot';

/** Where an entry loads files from. Loads are bounded: a file over the entry's limit has no text. */
export interface FileSource {
  load(path: string): Promise<FileEntry>;
  /** A cheap token that changes when the path's content does (undefined when it is gone). */
  stamp(path: string): Promise<string | undefined>;
}

export interface SettleOptions {
  /**
   * Which paths to re-check (by their stamp) before the result of an analysis that read them is
   * used: those no file watcher reports changes of. Without it, entries are trusted until invalidated.
   */
  verify?: (path: string) => boolean;
}

/**
 * At most this many runs of one analysis. Each run after the first follows a round of loads of what
 * the run before it read and missed, so the count is the length of the chain of dependent reads
 * (a README, its folder's kep.yaml, the approval file that names) and stays far below the bound;
 * it only keeps a pathological workspace, or files that change without pause, from looping. The
 * last run's result is used then, as if the files it missed were absent.
 */
export const MAX_ROUNDS = 32;

const inFlight = new WeakMap<WorkspaceSnapshot, Map<string, Promise<void>>>();

/**
 * `run`'s result once it read nothing missing and nothing changed. Returns synchronously when the
 * first run already did (the usual case while typing), a promise otherwise.
 */
export function settle<T>(snapshot: WorkspaceSnapshot, source: FileSource, run: () => T, options: SettleOptions = {}): T | Promise<T> {
  const runId = snapshot.beginRun(options.verify);
  let result = run();
  let missing = snapshot.takeMissing();
  let unverified = snapshot.takeUnverified();
  if (!missing.length && !unverified.length) return result;
  return (async () => {
    for (let round = 1; ; round++) {
      const changed = await Promise.all([
        ...missing.map((path) => load(snapshot, source, path, runId).then(() => true)),
        ...unverified.map((path) => verify(snapshot, source, path, runId)),
      ]);
      // Run `round` is done; one more would exceed MAX_ROUNDS runs.
      if (!changed.includes(true) || round >= MAX_ROUNDS) return result;
      snapshot.continueRun(runId, options.verify);
      result = run();
      missing = snapshot.takeMissing();
      unverified = snapshot.takeUnverified();
      if (!missing.length && !unverified.length) return result;
    }
  })();
}

/** Loads a path into the snapshot; concurrent analyses wanting the same path share one load. */
function load(snapshot: WorkspaceSnapshot, source: FileSource, path: string, runId: number): Promise<void> {
  let loads = inFlight.get(snapshot);
  if (!loads) inFlight.set(snapshot, (loads = new Map()));
  const pending = loads.get(path);
  if (pending) return pending;
  const generation = snapshot.generation;
  const loading = source
    .load(path)
    .catch((): FileEntry => ({ kind: 'absent' }))
    .then((entry) => {
      snapshot.store(path, entry, generation, runId);
      loads.delete(path);
    });
  loads.set(path, loading);
  return loading;
}

/** Whether the path changed since it was loaded (then it is forgotten, to be loaded again). */
async function verify(snapshot: WorkspaceSnapshot, source: FileSource, path: string, runId: number): Promise<boolean> {
  const held = snapshot.peek(path);
  if (!held) return true;
  const generation = snapshot.generation;
  const stamp = await source.stamp(path).catch(() => undefined);
  if (snapshot.generation !== generation) return true;
  if (held.kind !== 'absent' && stamp === held.stamp) {
    snapshot.confirm(path, runId);
    return false;
  }
  if (held.kind === 'absent' && stamp === undefined) {
    snapshot.confirm(path, runId);
    return false;
  }
  snapshot.drop(path);
  return true;
}
