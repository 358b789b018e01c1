// kep-lint against what a pull request can put in the tree (issue 13): files that never end, link
// loops, names and values that are terminal or CI commands, folders it cannot enter. Every run is
// spawned with a timeout: a hang guard (HANG_GUARD_MS, for busy CI machines), not a speed target;
// spawnSync blocks mocha's own timer, so without it a hang would hold the whole run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createKepWorkspace, type KepWorkspace } from './kepWorkspace';
import { GOOD_KEP, PROVISIONAL_YAML } from '../unit/support/kepFixture';
import { HANG_GUARD_MS } from '../support/hangGuard';

const CLI = path.resolve(__dirname, '../../kep-lint.js');
/** Anything a terminal or log would act on (see server/src/cli/terminalText.ts). */
/** GOOD_KEP without its Drawbacks section (and so with a stale TOC): findings to compare. */
const BROKEN_KEP = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '');
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('kep-lint on hostile trees', function () {
  this.timeout(4 * HANG_GUARD_MS);
  let ws: KepWorkspace;
  beforeEach(() => {
    ws = createKepWorkspace('kep-lint-hostile-tree-');
  });
  afterEach(() => {
    // Put back what a test took away, so that the tree can be removed.
    spawnSync('chmod', ['-R', 'u+rwx', ws.root]);
    // rm, not rmSync: a path over PATH_MAX can only be removed a folder at a time.
    spawnSync('rm', ['-rf', ws.root]);
    if (existsSync(ws.root)) ws.remove();
  });

  function write(relative: string, content: string): string {
    const full = path.join(ws.root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  }

  function kepLint(args: string[]) {
    const start = Date.now();
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ws.root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: HANG_GUARD_MS });
    assert.equal(run.signal, null, `hang guard: kep-lint was still running after ${Date.now() - start} ms and was ended`);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    return run;
  }

  describe('a file that is a link out of the checked tree (to /proc/self/pagemap: size 0, endless)', function () {
    before(function () {
      if (!existsSync('/proc/self/pagemap')) this.skip();
    });
    /** Each kind of file, and what became of it: checked itself, or read by the checks of another. */
    const KINDS: Record<string, [relative: string, outcome: string]> = {
      'kep.yaml': ['keps/sig-test/1234-demo/kep.yaml', 'it was not checked'],
      'KEP README': ['keps/sig-test/1234-demo/README.md', 'it was not checked'],
      'template README': ['keps/NNNN-kep-template/README.md', 'it was not checked'],
      'approval file': ['keps/prod-readiness/sig-test/1234.yaml', 'it was not checked'],
      OWNERS_ALIASES: ['OWNERS_ALIASES', 'the checks that read it took it as missing'],
    };
    for (const [kind, [relative, outcome]] of Object.entries(KINDS)) {
      it(`is not read, and is reported on stderr naming it and its target, with exit 1 (${kind})`, () => {
        // Implementable from v1.21 on, so that the kep.yaml checks read the approval file, and the
        // approval file's checks read OWNERS_ALIASES.
        write(
          'keps/sig-test/1234-demo/kep.yaml',
          PROVISIONAL_YAML.replace('status: provisional', 'status: implementable\nstage: alpha\nlatest-milestone: "v1.30"\nmilestone:\n  alpha: "v1.30"'),
        );
        write('keps/prod-readiness/sig-test/1234.yaml', 'kep-number: 1234\nalpha:\n  approver: "@someone"\n');
        write('OWNERS_ALIASES', 'aliases:\n  prod-readiness-approvers:\n    - someone\n');
        const link = path.join(ws.root, relative);
        rmSync(link);
        symlinkSync('/proc/self/pagemap', link);
        const run = kepLint(['.']);
        assert.equal(run.status, 1, run.stdout + run.stderr);
        const lines = run.stderr.split('\n').filter(Boolean);
        assert.deepEqual(
          lines.map((l) => l.replace(/: it is a link to .*/, '')),
          [`kep-lint: ${relative}: was not read, so ${outcome}`],
          run.stderr,
        );
        assert.match(
          lines[0],
          /: it is a link to \/proc\/\d+\/pagemap, outside the tree being checked, and nothing is read there .*; replace the link with the file itself\.$/,
        );
      });
    }
  });

  it('reads a link that stays inside the checked tree, and refuses one to a secret outside it', () => {
    const secret = path.join(path.dirname(ws.root), `secret-${path.basename(ws.root)}.yaml`);
    writeFileSync(secret, 'status: TOKEN-abc123\n');
    try {
      writeFileSync(path.join(ws.root, 'keps/sig-test/1234-demo/kep.copy.yaml'), PROVISIONAL_YAML);
      rmSync(ws.kepYaml);
      symlinkSync('kep.copy.yaml', ws.kepYaml);
      const inside = kepLint(['keps']);
      assert.equal(inside.stderr, '', 'a link inside the tree is read as the file');
      rmSync(ws.kepYaml);
      symlinkSync(secret, ws.kepYaml);
      const outside = kepLint(['keps', '--format', 'json']);
      assert.equal(outside.status, 1);
      assert.doesNotMatch(outside.stdout + outside.stderr, /TOKEN-abc123/, 'nothing of the file outside reaches the output');
      assert.match(outside.stderr, /kep\.yaml: was not read, so it was not checked: it is a link to .*secret-/);
    } finally {
      rmSync(secret, { force: true });
    }
  });

  it('visits each real folder once: links to their own folder and to a parent neither repeat files nor explode', () => {
    writeFileSync(ws.readme, BROKEN_KEP);
    const before = kepLint(['keps']);
    assert.match(before.stdout, / in 1 of 2 files\n$/);
    symlinkSync('.', path.join(ws.root, 'keps/sig-test/a'));
    symlinkSync('.', path.join(ws.root, 'keps/sig-test/b'));
    symlinkSync('..', path.join(ws.root, 'keps/sig-test/1234-demo/up'));
    const after = kepLint(['keps']);
    assert.equal(after.stderr, '');
    assert.equal(after.stdout, before.stdout);
  });

  it('does not follow a link to a folder out of the paths given, and says so', () => {
    writeFileSync(ws.readme, BROKEN_KEP);
    symlinkSync('/', path.join(ws.root, 'keps/root'));
    const run = kepLint(['keps']);
    assert.match(run.stdout, / in 1 of 2 files\n$/);
    assert.equal(run.stderr, 'kep-lint: keps/root: not followed: it is a link to /, outside the paths given to kep-lint (name that folder to check it)\n');
  });

  describe('names and values that are terminal or CI commands', function () {
    const FOLDER = 'keps/sig-test/2345-x\n::error file=README.md,line=1::forged';
    const STATUS = '\x1b]0;PWNED\x07\x1b[2J';
    beforeEach(function () {
      if (process.platform === 'win32') this.skip();
      write(`${FOLDER}/README.md`, GOOD_KEP.replace('KEP-1234', 'KEP-2345').replace('## Drawbacks\n\nNone.\n', ''));
      write(`${FOLDER}/kep.yaml`, PROVISIONAL_YAML.replace('1234', '2345').replace('status: provisional', `status: "\\e]0;PWNED\\a\\e[2J"`));
    });

    it('are written as visible escapes in the text format', () => {
      const run = kepLint(['keps']);
      assert.doesNotMatch(run.stdout, ACTING);
      assert.doesNotMatch(run.stdout, /^::/m, 'no line is a workflow command');
      assert.match(
        run.stdout,
        /^keps\/sig-test\/2345-x\\n::error file=README\.md,line=1::forged\/kep\.yaml:\d+:\d+ {2}error {2}Status '\\x1B\]0;PWNED\\x07\\x1B\[2J' is not one/m,
      );
    });

    it('are escaped by GitHub’s rules in annotations, one command a line, with no control character', () => {
      const run = kepLint(['--format', 'github', 'keps']);
      assert.doesNotMatch(run.stdout, ACTING);
      const lines = run.stdout.split('\n').filter(Boolean);
      assert.ok(lines.length > 2);
      for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kep-lint [a-z-]+::/);
      assert.ok(lines.some((l) => l.includes('file=keps/sig-test/2345-x%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged/kep.yaml,')));
      assert.ok(lines.some((l) => l.includes("Status '\\x1B]0;PWNED\\x07\\x1B[2J'")));
    });

    it('stay exact in JSON and SARIF', () => {
      const json = JSON.parse(kepLint(['--format', 'json', 'keps']).stdout) as { file: string; message: string }[];
      assert.ok(json.some((f) => f.file === `${FOLDER}/kep.yaml` && f.message.includes(STATUS)));
      const sarif = JSON.parse(kepLint(['--format', 'sarif', 'keps']).stdout);
      assert.ok(sarif.runs[0].results.some((r: { message: { text: string } }) => r.message.text.includes(STATUS)));
    });

    it('are escaped on stderr too', () => {
      symlinkSync('/nowhere', path.join(ws.root, FOLDER, 'kep.yaml.md'));
      const run = kepLint(['keps']);
      assert.match(
        run.stderr,
        /^kep-lint: keps\/sig-test\/2345-x\\n::error file=README\.md,line=1::forged\/kep\.yaml\.md: could not be examined \(it does not exist \(a symbolic link to nothing\?\)\)/,
      );
      assert.doesNotMatch(run.stderr, ACTING);
      const usage = kepLint(['--rule', `\x1b[2J=off`]);
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /unknown rule '\\x1B\[2J'/);
    });
  });

  describe('what the walk cannot look into', function () {
    it('reports a folder it cannot list, and a path in it, with exit 1 (skipped as root: chmod does not stop root)', function () {
      const locked = path.join(ws.root, 'keps/sig-test');
      chmodSync(locked, 0o000);
      let blocked = true;
      try {
        readdirSync(locked);
        blocked = false;
      } catch {
        // As expected for anyone but root.
      }
      if (!blocked) {
        console.log('      (skipped: this runs as root, for whom chmod 000 does not block reading a folder)');
        this.skip();
      }
      const run = kepLint(['keps']);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.equal(run.stderr, 'kep-lint: keps/sig-test: could not be listed (permission denied), so nothing in it was checked\n');
      const explicit = kepLint(['keps/sig-test/1234-demo/README.md']);
      assert.equal(explicit.status, 1, explicit.stdout + explicit.stderr);
      assert.equal(explicit.stderr, 'kep-lint: keps/sig-test/1234-demo/README.md: could not be examined (permission denied), so it was not checked\n');
    });

    it('reports a file it cannot read, with exit 1 (skipped as root)', function () {
      chmodSync(ws.kepYaml, 0o000);
      if (process.getuid?.() === 0) {
        console.log('      (skipped: this runs as root, for whom chmod 000 does not block reading a file)');
        this.skip();
      }
      const run = kepLint(['keps']);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^kep-lint: keps\/sig-test\/1234-demo\/kep\.yaml: could not be read whole, so it was not checked: permission denied\.$/m);
    });

    it('reports a path longer than the system allows, with exit 1', function () {
      if (process.platform === 'win32') this.skip();
      // 18 folders of 250 characters: past Linux's PATH_MAX of 4,096, made a step at a time.
      const name = 'd'.repeat(250);
      const made = spawnSync(
        'bash',
        ['-c', `cd keps && for i in $(seq 1 18); do mkdir ${name} && cd ${name} || exit 1; done; printf '# KEP-1: x\\n' > README.md`],
        {
          cwd: ws.root,
          encoding: 'utf8',
          timeout: HANG_GUARD_MS,
        },
      );
      assert.equal(made.status, 0, made.stderr);
      const run = kepLint(['keps']);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /^kep-lint: keps\/(d{250}\/)+d{250}: could not be examined \(its path is longer than the system allows\), so neither it nor anything in it was checked\n$/,
      );
    });
  });
});
