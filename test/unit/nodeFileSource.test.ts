// Node's FileSource: every read bounded by the limit itself, and nothing that is not a regular file
// or a folder ever opened.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEntry, MAX_FILE_BYTES, NodeFileSource, readBounded } from '../../server/src/node/fileSource';

describe('Node file source', function () {
  let dir: string;
  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), 'kep-file-source-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a file with its text, size and stamp, a folder with its sorted names, and a missing path as absent', async function () {
    writeFileSync(path.join(dir, 'kep.yaml'), 'title: x\n');
    mkdirSync(path.join(dir, 'keps'));
    mkdirSync(path.join(dir, 'keps', 'sig-b'));
    mkdirSync(path.join(dir, 'keps', 'sig-a'));
    const file = await new NodeFileSource().load(path.join(dir, 'kep.yaml'));
    assert.equal(file.kind, 'file');
    assert.ok(file.kind === 'file' && file.text === 'title: x\n' && file.size === 9 && file.stamp);
    assert.deepEqual(loadEntry(path.join(dir, 'keps')), {
      kind: 'folder',
      names: ['sig-a', 'sig-b'],
      stamp: (loadEntry(path.join(dir, 'keps')) as { stamp: string }).stamp,
    });
    assert.deepEqual(loadEntry(path.join(dir, 'nothing')), { kind: 'absent' });
    assert.equal(await new NodeFileSource().stamp(path.join(dir, 'nothing')), undefined);
  });

  it('holds a file over the limit without its text, and reads no more than the limit of one that claims less', function () {
    const big = path.join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, MAX_FILE_BYTES + 1);
    const entry = loadEntry(big);
    assert.ok(entry.kind === 'file' && entry.text === undefined && entry.size === MAX_FILE_BYTES + 1);
    assert.equal(readBounded(big), undefined, 'read directly, the limit holds too');
    // /proc/self/pagemap says it is empty and reads on for hundreds of gigabytes.
    if (existsSync('/proc/self/pagemap')) assert.equal(readBounded('/proc/self/pagemap'), undefined);
  });

  it('never opens a FIFO (an open would wait for a writer for ever)', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'kep.yaml.fifo');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(loadEntry(fifo), { kind: 'absent' });
    assert.equal(readBounded(fifo), undefined);
  });
});
