import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { itWithSample, SAMPLE } from '../unit/support/sample';
import { GOOD_KEP, PROVISIONAL_YAML, TEMPLATE_TEXT } from '../unit/support/kepFixture';

const CLI = path.resolve(__dirname, '../../kep-lint.js');

function kepLint(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

describe('the package bins', () => {
  const version = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;

  // npx and node_modules/.bin run the file itself: it must stay executable after every build.
  for (const bin of ['kep-lint.js', 'server.js']) {
    it(`${bin} runs as a program (executable, with a node shebang) and prints the package version`, () => {
      const file = path.resolve(__dirname, '../..', bin);
      assert.equal(statSync(file).mode & 0o111, 0o111, `${file} is not executable`);
      const run = spawnSync(file, ['--version'], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${run.error ?? ''} ${run.stderr}`);
      assert.equal(run.stdout, `${version}\n`);
    });
  }
});

describe("the README's kep-lint example", () => {
  it('is what kep-lint prints on the demo KEP today', () => {
    const repo = path.resolve(__dirname, '../../..');
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const example = /on the demo KEP[^\n]*\n[^\n]*\n\n```\n([\s\S]*?)```\n/.exec(readme)?.[1];
    assert.ok(example, 'the example block after "on the demo KEP"');
    const run = kepLint(['keps'], path.join(repo, 'demo/workspace'));
    assert.equal(run.stdout, example);
  });
});

describe('kep-lint', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'kep-lint-'));
    mkdirSync(path.join(root, 'keps/sig-test/1234-demo'), { recursive: true });
    mkdirSync(path.join(root, 'keps/NNNN-kep-template'), { recursive: true });
    writeFileSync(path.join(root, 'keps/NNNN-kep-template/README.md'), TEMPLATE_TEXT);
    writeFileSync(path.join(root, 'keps/sig-test/1234-demo/kep.yaml'), PROVISIONAL_YAML);
    writeFileSync(
      path.join(root, 'keps/sig-test/1234-demo/README.md'),
      GOOD_KEP.replace('## Drawbacks\n\nNone.\n', '').replace('Details.', 'Details.\n\n<<[/UNRESOLVED]>>'),
    );
    writeFileSync(path.join(root, 'notes.md'), '# Notes\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prints path:line:col  severity  message  rule and exits 1 on an error', () => {
    const run = kepLint(['keps'], root);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(
      lines.some((l) => /^keps\/sig-test\/1234-demo\/README\.md:\d+:\d+ {2}warning {2}Missing '## Drawbacks'\. .* {2}missing-section$/.test(l)),
      run.stdout,
    );
    assert.ok(
      lines.some((l) => / {2}error {2}.*closes nothing.* {2}unresolved$/.test(l)),
      run.stdout,
    );
    assert.match(run.stdout, /problems \(\d+ errors/);
  });

  it('writes JSON with 1-based positions and paths as given', () => {
    const run = kepLint(['--format', 'json', './keps'], root);
    const findings = JSON.parse(run.stdout) as { file: string; line: number; column: number; rule: string }[];
    assert.ok(findings.length >= 2);
    for (const f of findings) {
      assert.equal(f.file, 'keps/sig-test/1234-demo/README.md'.replace(/^/, ''));
      assert.ok(f.line >= 1 && f.column >= 1);
    }
  });

  it('writes SARIF 2.1.0 and GitHub annotations', () => {
    const sarif = JSON.parse(kepLint(['--format=sarif', 'keps'], root).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'missing-section'));
    const github = kepLint(['--format', 'github', 'keps'], root).stdout;
    assert.match(
      github,
      /^::warning file=keps\/sig-test\/1234-demo\/README\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kep-lint missing-section::Missing/m,
    );
  });

  it('applies --rule and ignores Markdown that is not a KEP', () => {
    const run = kepLint(['--rule', 'unresolved=off', '--rule', 'missing-section=off', '--rule=toc=off', '.'], root);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /No problems in 2 files/);
  });

  it('exits 2 with a clear message on bad usage', () => {
    for (const [args, message] of [
      [['--rule', 'nope=error'], /unknown rule 'nope'/],
      [['--rule', 'toc=loud'], /unknown severity 'loud'/],
      [['--format', 'xml'], /unknown format 'xml'/],
      [['--bogus'], /unknown option '--bogus'/],
      [['missing-folder'], /no such file or folder: missing-folder/],
    ] as const) {
      const run = kepLint([...args], root);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });

  itWithSample('runs over the whole enhancements sample without a crash and finds every TOC current', function () {
    const run = kepLint(['--format', 'json', path.join(SAMPLE, 'keps')], process.cwd());
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.equal(run.stderr, '');
    const findings = JSON.parse(run.stdout) as { file: string; rule: string }[];
    assert.deepEqual(
      findings.filter((f) => f.rule === 'toc'),
      [],
    );
    const files = new Set(findings.map((f) => f.file));
    assert.ok(files.size > 100, `findings in ${files.size} files`);
  });
});
