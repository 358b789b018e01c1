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
  /**
   * A cheap function that reads the files `run` will read (KepAnalyzer.prepare): settled first, so
   * that the costly `run` is not run again for files it had to load.
   */
  prepare?: () => void;
}

/**
 * At most this many runs of one analysis (its `prepare` included). Each run after the first follows
 * a round of loads of what the run before it read and missed, so the count is the length of the
 * chain of dependent reads (a README, its folder's kep.yaml, the approval file that names) and
 * stays far below the bound; it only keeps a pathological workspace, or files that change without
 * pause, from looping. The last run's result is used then, as if the files it missed were absent
 * (after a `prepare` that reached the bound, `run` runs once more, to have a result).
 */
export const MAX_ROUNDS = 32;

const inFlight = new WeakMap<WorkspaceSnapshot, Map<string, Promise<void>>>();

/**
 * `run`'s result once it read nothing missing and nothing changed. Returns synchronously when the
 * first run already did (the usual case while typing), a promise otherwise.
 */
export function settle<T>(snapshot: WorkspaceSnapshot, source: FileSource, run: () => T, options: SettleOptions = {}): T | Promise<T> {
  const runId = snapshot.beginRun(options.verify);
  // The steps: `prepare` (when given) until what it reads is at hand, then `run` until the same holds.
  let preparing = options.prepare !== undefined;
  let result: T | undefined;
  let runs = 0;
  /** Runs the current step; returns the paths it read that were missing, and those to re-check. */
  const step = (): [string[], string[]] => {
    if (runs > 0) snapshot.continueRun(runId, options.verify);
    runs++;
    if (preparing) options.prepare!();
    else result = run();
    return [snapshot.takeMissing(), snapshot.takeUnverified()];
  };
  let [missing, unverified] = step();
  while (!missing.length && !unverified.length) {
    if (!preparing) return result as T;
    preparing = false;
    [missing, unverified] = step();
  }
  return (async () => {
    for (;;) {
      const changed = await Promise.all([
        ...missing.map((path) => load(snapshot, source, path, runId).then(() => true)),
        ...unverified.map((path) => verify(snapshot, source, path, runId)),
      ]);
      if (runs >= MAX_ROUNDS) {
        if (preparing) {
          preparing = false;
          step();
        }
        return result as T;
      }
      // Nothing loaded and nothing changed: what the step read stands.
      if (!changed.includes(true)) {
        if (!preparing) return result as T;
        preparing = false;
      }
      [missing, unverified] = step();
      while (!missing.length && !unverified.length) {
        if (!preparing) return result as T;
        preparing = false;
        [missing, unverified] = step();
      }
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
