// How the synchronous core meets an asynchronous file system (core/workspace/snapshot.ts and
// settle.ts): an analysis runs again until it has every file it reads, and its result reflects
// the files as they are, whatever the order in which loads, changes and watcher events arrive.
import assert from 'node:assert/strict';
import { WorkspaceSnapshot, type FileEntry } from '../../server/src/core/workspace/snapshot';
import { MAX_ROUNDS, settle, type FileSource } from '../../server/src/core/workspace/settle';

/** A file system in memory whose loads are asynchronous and counted; a folder lists its children. */
class FakeSource implements FileSource {
  readonly files = new Map<string, string>();
  readonly loads: string[] = [];
  stamps = 0;
  private readonly versions = new Map<string, number>();
  /** When set, a load waits for this promise before answering (to interleave a change with it). */
  gate: Promise<void> | undefined;

  write(path: string, text: string): void {
    this.files.set(path, text);
    this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
  }
  remove(path: string): void {
    this.files.delete(path);
  }
  private children(path: string): string[] {
    const prefix = `${path}/`;
    return [...new Set([...this.files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]!))].sort();
  }
  private now(path: string): FileEntry {
    const text = this.files.get(path);
    if (text !== undefined) return { kind: 'file', text, size: text.length, stamp: `v${this.versions.get(path)}` };
    const names = this.children(path);
    return names.length ? { kind: 'folder', names, stamp: names.join(',') } : { kind: 'absent' };
  }
  async load(path: string): Promise<FileEntry> {
    this.loads.push(path);
    const entry = this.now(path);
    if (this.gate) await this.gate;
    return entry;
  }
  async stamp(path: string): Promise<string | undefined> {
    this.stamps++;
    const entry = this.now(path);
    return entry.kind === 'absent' ? undefined : entry.stamp;
  }
}

/** Reads /a, then the file /a names (a dependent read, as a README's kep.yaml names its approval file). */
function chained(files: WorkspaceSnapshot): string {
  const first = files.readText('/a');
  if (first === undefined) return 'no /a';
  return `${first} -> ${files.readText(first) ?? 'missing'}`;
}

describe('workspace snapshot and settle', function () {
  it('loads what a run missed and runs again, round after round, until nothing is missing', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'B');
    const files = new WorkspaceSnapshot();
    let runs = 0;
    const result = settle(files, source, () => {
      runs++;
      return chained(files);
    });
    assert.ok(result instanceof Promise, 'nothing was loaded yet, so the result must wait for the loads');
    assert.equal(await result, '/b -> B');
    assert.equal(runs, 3, 'one run to find /a missing, one to find /b missing, one with both');
    assert.deepEqual(source.loads, ['/a', '/b']);
  });

  it('with a prepare step, runs the costly analysis once, after what it reads is loaded', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'B');
    const files = new WorkspaceSnapshot();
    let runs = 0;
    let prepares = 0;
    const result = await settle(
      files,
      source,
      () => {
        runs++;
        return chained(files);
      },
      { prepare: () => void (prepares++, chained(files)) },
    );
    assert.equal(result, '/b -> B');
    assert.equal(runs, 1);
    assert.equal(prepares, 3);
    // Settled, both steps run synchronously, once each.
    assert.equal(
      settle(files, source, () => chained(files), { prepare: () => void chained(files) }),
      '/b -> B',
    );
  });

  it('answers at once, without a load, once it holds everything a run reads', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'B');
    const files = new WorkspaceSnapshot();
    await settle(files, source, () => chained(files));
    const again = settle(files, source, () => chained(files));
    assert.equal(again, '/b -> B', 'a settled snapshot gives the result synchronously');
    assert.deepEqual(source.loads, ['/a', '/b']);
  });

  it('holds an absent file as absent, and a folder as its listing', async function () {
    const source = new FakeSource();
    source.write('/keps/sig-x/one', '1');
    source.write('/keps/sig-y/two', '2');
    const files = new WorkspaceSnapshot();
    const run = () => ({ gone: files.readText('/nothing'), exists: files.exists('/nothing'), listing: files.listDirectory('/keps') });
    assert.deepEqual(await settle(files, source, run), { gone: undefined, exists: false, listing: ['sig-x', 'sig-y'] });
    assert.deepEqual(settle(files, source, run), { gone: undefined, exists: false, listing: ['sig-x', 'sig-y'] });
  });

  it('lets the editor’s open documents stand in for the files', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'on disk');
    const files = new WorkspaceSnapshot();
    files.setOverlay('/b', () => 'unsaved');
    assert.equal(await settle(files, source, () => chained(files)), '/b -> unsaved');
    assert.deepEqual(source.loads, ['/a'], 'an open document is never loaded');
    files.setOverlay('/b', undefined);
    assert.equal(await settle(files, source, () => chained(files)), '/b -> on disk');
  });

  it('re-checks the paths it is told to verify, reloading only what changed', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'B1');
    const files = new WorkspaceSnapshot();
    const verify = { verify: (path: string) => path === '/b' };
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> B1');
    const stampsBefore = source.stamps;
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> B1', 'unchanged: the held text stands');
    assert.equal(source.stamps, stampsBefore + 1, 'only /b is re-checked');
    assert.deepEqual(source.loads, ['/a', '/b']);
    source.write('/b', 'B2');
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> B2', 'changed: reloaded before the result is used');
    source.write('/a', '/c');
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> B2', '/a is not verified: held until invalidated');
  });

  it('notices a verified file that appeared or disappeared', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    const files = new WorkspaceSnapshot();
    const verify = { verify: () => true };
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> missing');
    source.write('/b', 'B');
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> B');
    source.remove('/b');
    assert.equal(await settle(files, source, () => chained(files), verify), '/b -> missing');
  });

  it('forgets an invalidated path, what lies below it and the listings above it', async function () {
    const source = new FakeSource();
    source.write('/keps/sig-x/one', '1');
    const files = new WorkspaceSnapshot();
    const run = () => [files.listDirectory('/keps')?.join(','), files.listDirectory('/keps/sig-x')?.join(','), files.readText('/keps/sig-x/one')];
    assert.deepEqual(await settle(files, source, run), ['sig-x', 'one', '1']);
    source.write('/keps/sig-y/two', '2');
    source.write('/keps/sig-x/one', 'changed');
    assert.deepEqual(settle(files, source, run), ['sig-x', 'one', '1'], 'nothing said the files changed');
    files.invalidate('/keps/sig-y/two');
    assert.deepEqual(await settle(files, source, run), ['sig-x,sig-y', 'one', '1'], 'the listings above the new file are reloaded');
    files.invalidate('/keps/sig-x');
    assert.deepEqual(await settle(files, source, run), ['sig-x,sig-y', 'one', 'changed'], 'what lies below a changed folder is reloaded');
  });

  it('does not keep a load that a change overtook: the next run loads the path again', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'old');
    const files = new WorkspaceSnapshot();
    await settle(files, source, () => files.readText('/a'));
    let open!: () => void;
    source.gate = new Promise<void>((resolve) => (open = resolve));
    const pending = settle(files, source, () => chained(files));
    await Promise.resolve();
    // The watcher reports /b changed while its (old) content is on its way.
    source.write('/b', 'new');
    files.invalidate('/b');
    source.gate = undefined;
    open();
    const first = await pending;
    assert.notEqual(first, '/b -> old', 'a load that began before the change must not be used');
    assert.equal(await settle(files, source, () => chained(files)), '/b -> new');
  });

  it('shares one load among analyses that need the same file at once', async function () {
    const source = new FakeSource();
    source.write('/a', '/b');
    source.write('/b', 'B');
    const files = new WorkspaceSnapshot();
    const results = await Promise.all([settle(files, source, () => chained(files)), settle(files, source, () => chained(files))]);
    assert.deepEqual(results, ['/b -> B', '/b -> B']);
    assert.deepEqual(source.loads, ['/a', '/b']);
  });

  it(`stops after ${MAX_ROUNDS} runs when every run reads something new`, async function () {
    const source = new FakeSource();
    const files = new WorkspaceSnapshot();
    let runs = 0;
    const result = await settle(files, source, () => files.readText(`/file-${runs++}`) ?? 'absent');
    assert.equal(result, 'absent');
    assert.equal(runs, MAX_ROUNDS);
  });

  it('a load that fails reads as absent, and a failing run rejects instead of hanging', async function () {
    const files = new WorkspaceSnapshot();
    const failing: FileSource = { load: () => Promise.reject(new Error('EIO')), stamp: () => Promise.resolve(undefined) };
    assert.equal(await settle(files, failing, () => files.readText('/x') ?? 'absent'), 'absent');
    let calls = 0;
    await assert.rejects(
      Promise.resolve(
        settle(files, failing, () => {
          if (calls++ > 0) throw new Error('second run fails');
          return files.readText('/y');
        }),
      ),
      /second run fails/,
    );
  });
});
