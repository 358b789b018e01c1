// Which open documents read a file: the server re-analyses only those when the file is opened,
// edited or closed. The oracle is the analysis itself: every file it reads while checking a
// document must name that document among its readers.
import assert from 'node:assert/strict';
import { InMemoryWorkspace, type WorkspaceFiles } from '../../server/src/core/workspace/files';
import { DEFAULT_SETTINGS, KepAnalyzer } from '../../server/src/core/features/analysis';
import { readersOf, type OpenFile } from '../../server/src/core/features/documentReaders';
import { analyzeMetadataFile } from '../../server/src/core/features/metadataFiles';
import { KEP_DIR, kepYaml, readme, ROOT, TEMPLATE, TEMPLATE_TEXT } from './support/prrFixture';

const OTHER_DIR = `${ROOT}/keps/sig-apps/5678-other`;
const PRR = `${ROOT}/keps/prod-readiness/sig-node/1234.yaml`;
const OTHER_PRR = `${ROOT}/keps/prod-readiness/sig-apps/5678.yaml`;
const OWNERS_ALIASES = `${ROOT}/OWNERS_ALIASES`;

function checkout(): InMemoryWorkspace {
  const ws = new InMemoryWorkspace();
  ws.set(TEMPLATE, TEMPLATE_TEXT);
  ws.set(`${ROOT}/keps/NNNN-kep-template/kep.yaml`, kepYaml());
  ws.set(OWNERS_ALIASES, 'aliases:\n  prod-readiness-approvers:\n    - alice\n');
  ws.set(`${KEP_DIR}/README.md`, readme());
  ws.set(`${KEP_DIR}/kep.yaml`, kepYaml());
  ws.set(PRR, 'kep-number: "1234"\nbeta:\n  approver: "@alice"\n');
  ws.set(`${OTHER_DIR}/README.md`, readme().replace('KEP-1234', 'KEP-5678'));
  ws.set(`${OTHER_DIR}/kep.yaml`, kepYaml().replace('"1234"', '"5678"').replace('sig-node', 'sig-apps'));
  ws.set(OTHER_PRR, 'kep-number: "5678"\nbeta:\n  approver: "@alice"\n');
  return ws;
}

const ANALYSED = [`${KEP_DIR}/README.md`, `${KEP_DIR}/kep.yaml`, PRR, `${OTHER_DIR}/README.md`, `${OTHER_DIR}/kep.yaml`, OTHER_PRR];

function openFiles(ws: InMemoryWorkspace, paths: string[] = ANALYSED): OpenFile[] {
  return paths.map((path) => ({ path, text: () => ws.readText(path) ?? '' }));
}

/** The paths of other files that analysing `path` reads or tests for. */
function readsOf(ws: InMemoryWorkspace, path: string): Set<string> {
  const reads = new Set<string>();
  const recording: WorkspaceFiles = {
    readText: (p) => (reads.add(p), ws.readText(p)),
    exists: (p) => (reads.add(p), ws.exists(p)),
    listDirectory: (p) => ws.listDirectory(p),
  };
  const text = ws.readText(path)!;
  const findings = path.endsWith('.md') ? new KepAnalyzer(recording).analyzeText(path, text) : analyzeMetadataFile(path, text, recording, DEFAULT_SETTINGS);
  assert.ok(findings, `${path} is analysed`);
  reads.delete(path);
  return reads;
}

function sorted(readers: 'all' | Set<string>): 'all' | string[] {
  return readers === 'all' ? 'all' : [...readers].sort();
}

describe('readers of a file (what the server re-analyses when it changes)', () => {
  it('every file the analysis reads names the analysed document among its readers', () => {
    const ws = checkout();
    const open = openFiles(ws);
    for (const analysed of ANALYSED) {
      for (const read of readsOf(ws, analysed)) {
        const readers = readersOf(read, open);
        assert.ok(readers === 'all' || readers.has(analysed), `${analysed} reads ${read}, which lists only ${sorted(readers)}`);
      }
    }
  });

  it('the reads checked above include every kind of file that has readers', () => {
    const ws = checkout();
    const yamlReads = readsOf(ws, `${KEP_DIR}/kep.yaml`);
    for (const path of [`${KEP_DIR}/README.md`, PRR, OWNERS_ALIASES]) assert.ok(yamlReads.has(path), `kep.yaml reads ${path}`);
    const readmeReads = readsOf(ws, `${KEP_DIR}/README.md`);
    for (const path of [`${KEP_DIR}/kep.yaml`, TEMPLATE]) assert.ok(readmeReads.has(path), `README reads ${path}`);
    assert.ok(readsOf(ws, PRR).has(OWNERS_ALIASES), 'the PRR file reads OWNERS_ALIASES');
  });

  it("a README or kep.yaml is read by its own folder's documents only", () => {
    const open = openFiles(checkout());
    const own = [`${KEP_DIR}/README.md`, `${KEP_DIR}/kep.yaml`];
    assert.deepEqual(sorted(readersOf(`${KEP_DIR}/kep.yaml`, open)), own);
    assert.deepEqual(sorted(readersOf(`${KEP_DIR}/README.md`, open)), own);
  });

  it('a PRR file is read by the open kep.yaml that names it, not by the other KEPs', () => {
    const open = openFiles(checkout());
    assert.deepEqual(sorted(readersOf(PRR, open)), [`${KEP_DIR}/kep.yaml`, PRR].sort());
    assert.deepEqual(sorted(readersOf(OTHER_PRR, open)), [`${OTHER_DIR}/kep.yaml`, OTHER_PRR].sort());
  });

  it('the template, the template setting and OWNERS_ALIASES are read by every document', () => {
    const open = openFiles(checkout());
    assert.equal(readersOf(TEMPLATE, open), 'all');
    assert.equal(readersOf(`${ROOT}/keps/NNNN-kep-template/kep.yaml`, open), 'all');
    assert.equal(readersOf(OWNERS_ALIASES, open), 'all');
    assert.equal(readersOf('/elsewhere/my-template.md', open, '/elsewhere/my-template.md'), 'all');
    assert.notEqual(readersOf('/elsewhere/my-template.md', open), 'all');
  });
});
