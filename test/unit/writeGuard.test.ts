// The guard every write of a workspace file goes through (kep-lint --fix, later writers): writes
// follow reads, inside the tree being checked, onto what was read whole and has not changed since.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEntry, MAX_FILE_BYTES } from '../../server/src/node/fileSource';
import { writeWithinTree } from '../../server/src/node/writeGuard';

describe('write guard', function () {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(function () {
    base = mkdtempSync(path.join(tmpdir(), 'kep-write-guard-'));
    root = path.join(base, 'repo');
    outside = path.join(base, 'outside');
    mkdirSync(path.join(root, 'keps/sig-test/1234-demo'), { recursive: true });
    mkdirSync(outside);
  });
  afterEach(function () {
    rmSync(base, { recursive: true, force: true });
  });

  const kepYaml = () => path.join(root, 'keps/sig-test/1234-demo/kep.yaml');

  it('replaces a file inside the tree that was read whole and has not changed', function () {
    writeFileSync(kepYaml(), 'title: old\n');
    const read = loadEntry(kepYaml());
    assert.deepEqual(writeWithinTree(root, kepYaml(), 'title: new\n', read), { written: true });
    assert.equal(readFileSync(kepYaml(), 'utf8'), 'title: new\n');
  });

  it('follows a link that stays inside the tree', function () {
    writeFileSync(path.join(root, 'real.yaml'), 'title: old, longer than the new text\n');
    symlinkSync('../../../real.yaml', kepYaml());
    assert.deepEqual(writeWithinTree(root, kepYaml(), 'title: new\n', loadEntry(kepYaml())), { written: true });
    assert.equal(readFileSync(path.join(root, 'real.yaml'), 'utf8'), 'title: new\n');
  });

  it('never writes through a link out of the tree, and leaves its target as it was', function () {
    const victim = path.join(outside, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, kepYaml());
    const outcome = writeWithinTree(root, kepYaml(), 'title: new\n', loadEntry(kepYaml()));
    assert.equal(outcome.written, false);
    assert.match(!outcome.written ? outcome.reason : '', /^it is a link to .*victim\.txt, outside .*repo$/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  });

  it('never writes a file that could not be read whole: too large, or a link to /proc/self/pagemap', function () {
    writeFileSync(kepYaml(), '');
    truncateSync(kepYaml(), MAX_FILE_BYTES + 1);
    const outcome = writeWithinTree(root, kepYaml(), 'title: new\n', loadEntry(kepYaml()));
    assert.deepEqual(outcome, { written: false, reason: 'it could not be read whole, so a change computed from it would lose what was not read' });
    assert.equal(loadEntry(kepYaml()).kind === 'file' && (loadEntry(kepYaml()) as { size: number }).size, MAX_FILE_BYTES + 1);
    if (existsSync('/proc/self/pagemap')) {
      rmSync(kepYaml());
      symlinkSync('/proc/self/pagemap', kepYaml());
      assert.equal(writeWithinTree(root, kepYaml(), 'x', loadEntry(kepYaml())).written, false);
    }
  });

  it('refuses a file that changed since it was read, and a folder', function () {
    writeFileSync(kepYaml(), 'title: old\n');
    const read = loadEntry(kepYaml());
    writeFileSync(kepYaml(), 'title: edited meanwhile\n');
    utimesSync(kepYaml(), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(writeWithinTree(root, kepYaml(), 'title: new\n', read), { written: false, reason: 'it changed since it was read; check it again' });
    assert.equal(readFileSync(kepYaml(), 'utf8'), 'title: edited meanwhile\n');
    const folder = path.join(root, 'keps');
    assert.deepEqual(writeWithinTree(root, folder, 'x', loadEntry(folder)), { written: false, reason: 'it is a folder' });
  });

  it('creates a new file where nothing was read, making its folders, inside the tree only', function () {
    const approval = path.join(root, 'keps/prod-readiness/sig-test/1234.yaml');
    assert.deepEqual(writeWithinTree(root, approval, 'kep-number: 1234\n', loadEntry(approval)), { written: true });
    assert.equal(readFileSync(approval, 'utf8'), 'kep-number: 1234\n');

    // A folder of the tree that is a link out of it: nothing is made or written out there.
    symlinkSync(outside, path.join(root, 'keps/sig-out'));
    const escaped = path.join(root, 'keps/sig-out/9999-x/kep.yaml');
    const outcome = writeWithinTree(root, escaped, 'title: x\n', loadEntry(escaped));
    assert.equal(outcome.written, false);
    assert.match(!outcome.written ? outcome.reason : '', /^it would be written to .*outside.*9999-x.*kep\.yaml, outside /);
    assert.deepEqual(execFileSync('ls', ['-A', outside], { encoding: 'utf8' }), '');
  });

  it('does not create over something that appeared since the read: a file, a dangling link, a FIFO', function () {
    const target = path.join(root, 'keps/sig-test/1234-demo/README.md');
    const read = loadEntry(target);
    assert.equal(read.kind, 'absent');
    writeFileSync(target, 'someone else wrote this\n');
    assert.equal(writeWithinTree(root, target, 'ours', read).written, false);
    assert.equal(readFileSync(target, 'utf8'), 'someone else wrote this\n');
    rmSync(target);
    symlinkSync(path.join(outside, 'not-yet'), target);
    assert.equal(writeWithinTree(root, target, 'ours', loadEntry(target)).written, false);
    assert.equal(existsSync(path.join(outside, 'not-yet')), false);
    if (process.platform !== 'win32') {
      rmSync(target);
      execFileSync('mkfifo', [target]);
      // A FIFO loads as absent: the write must neither block on it nor replace it.
      assert.equal(writeWithinTree(root, target, 'ours', loadEntry(target)).written, false);
    }
  });
});
