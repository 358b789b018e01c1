// Node's FileSource: every read bounded by the limit itself, and nothing that is not a regular file
// or a folder ever opened.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEntry, MAX_FILE_BYTES, NodeFileSource, readBounded, readHead, type Unread } from '../../server/src/node/fileSource';
import { describeUnread } from '../../server/src/node/readProblems';
import { settle } from '../../server/src/core/workspace/settle';
import { WorkspaceSnapshot } from '../../server/src/core/workspace/snapshot';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { analyzeMetadataFile } from '../../server/src/core/features/metadataFiles';
import { GOOD_KEP, PROVISIONAL_YAML, TEMPLATE_TEXT } from './support/kepFixture';

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

  it('reads the head of a file without reading on, and says why a folder or a missing file has none', function () {
    if (existsSync('/proc/self/pagemap')) {
      const head = readHead('/proc/self/pagemap', 64 * 1024).text;
      assert.ok(head !== undefined && head.length > 0 && head.length <= 64 * 1024);
    }
    assert.equal(readHead(dir, 10).unread?.kind, 'not-a-file');
    assert.equal(readHead(path.join(dir, 'nothing'), 10).unread?.kind, 'error');
  });

  // Each file an analysis reads besides the README, made a link to /proc/self/pagemap: stat says a
  // regular file of 0 bytes, and reading it goes on for hundreds of gigabytes.
  describe('a workspace file that is a link to /proc/self/pagemap', function () {
    const README = 'keps/sig-test/1234-demo/README.md';
    const KEP_YAML = 'keps/sig-test/1234-demo/kep.yaml';
    const APPROVAL = 'keps/prod-readiness/sig-test/1234.yaml';
    /** Each kind of file, and a file whose analysis reads it. */
    const KINDS: Record<string, [link: string, readBy: string]> = {
      'kep.yaml': [KEP_YAML, README],
      'template README': ['keps/NNNN-kep-template/README.md', README],
      'approval file': [APPROVAL, KEP_YAML],
      OWNERS_ALIASES: ['OWNERS_ALIASES', APPROVAL],
    };
    let root: string;
    beforeEach(function () {
      if (!existsSync('/proc/self/pagemap')) this.skip();
      root = mkdtempSync(path.join(tmpdir(), 'kep-pagemap-'));
      for (const [relative, text] of [
        ['keps/NNNN-kep-template/README.md', TEMPLATE_TEXT],
        [
          KEP_YAML,
          PROVISIONAL_YAML.replace('status: provisional', 'status: implementable\nstage: alpha\nlatest-milestone: "v1.30"\nmilestone:\n  alpha: "v1.30"'),
        ],
        ['keps/sig-test/1234-demo/README.md', GOOD_KEP],
        ['keps/prod-readiness/sig-test/1234.yaml', 'kep-number: 1234\nalpha:\n  approver: "@someone"\n'],
        ['OWNERS_ALIASES', 'aliases:\n  prod-readiness-approvers:\n    - someone\n'],
      ]) {
        mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        writeFileSync(path.join(root, relative), text);
      }
    });
    afterEach(function () {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    for (const [kind, [relative, readBy]] of Object.entries(KINDS)) {
      it(`is held without text, the limit read and no more, and the source says why (${kind})`, async function () {
        const link = path.join(root, relative);
        rmSync(link);
        symlinkSync('/proc/self/pagemap', link);
        const heard: [string, Unread][] = [];
        const source = new NodeFileSource((p, why) => heard.push([p, why]));
        const entry = await source.load(link);
        assert.ok(entry.kind === 'file' && entry.text === undefined, JSON.stringify(entry).slice(0, 200));
        assert.deepEqual(heard, [[link, { kind: 'too-large', limit: MAX_FILE_BYTES, statedSize: 0 }]]);
        assert.match(
          describeUnread(heard[0][1]),
          /^it went on past 8 MiB \(8,388,608 bytes\), .* gives its size as 0 bytes \(a link to a device or to a file under \/proc\?\); replace it/,
        );

        // The analysis that reads it, loading what it reads through the same source, completes,
        // and what it could not read whole is that file alone.
        heard.length = 0;
        const files = new WorkspaceSnapshot();
        const analyzer = new KepAnalyzer(files);
        const reader = path.join(root, readBy);
        const text = readBounded(reader)!;
        const findings = await settle(files, source, () =>
          reader.endsWith('.md') ? analyzer.analyzeText(reader, text) : analyzeMetadataFile(reader, text, files, { rules: {} }),
        );
        assert.ok(Array.isArray(findings));
        assert.deepEqual(
          heard.map(([p]) => p),
          [link],
        );
      });
    }
  });
});
