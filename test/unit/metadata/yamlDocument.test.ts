import assert from 'node:assert/strict';
import { LineIndex, parseYaml, type YamlMap } from '../../../server/src/core/kep/yamlDocument';

function root(text: string): YamlMap {
  const doc = parseYaml(text);
  assert.equal(doc.root?.kind, 'map');
  return doc.root as YamlMap;
}

describe('parseYaml', () => {
  it('reads scalars as written, not as numbers or booleans', () => {
    const map = root('a: 1.20\nb: "v1.20"\nc: 2019-07-31\nd: 0752\ne: yes\nf: ~\ng:\n');
    const values = map.entries.map((e) => (e.value.kind === 'scalar' ? [e.key, e.value.text, e.value.isNull, e.value.style] : [e.key]));
    assert.deepEqual(values, [
      ['a', '1.20', false, 'plain'],
      ['b', 'v1.20', false, 'double'],
      ['c', '2019-07-31', false, 'plain'],
      ['d', '0752', false, 'plain'],
      ['e', 'yes', false, 'plain'],
      ['f', '~', true, 'plain'],
      ['g', '', true, 'plain'],
    ]);
  });

  it('gives 0-based ranges of keys and values, without quotes stripped from the range', () => {
    const map = root('title: x\nlatest-milestone: "v1.20" # note\n');
    const [, latest] = map.entries;
    assert.deepEqual(latest.keyRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 16 } });
    assert.deepEqual(latest.valueRange, { start: { line: 1, character: 18 }, end: { line: 1, character: 25 } });
    assert.equal(latest.value.kind === 'scalar' && latest.value.comment, 'note');
  });

  it('puts an empty value right after the colon', () => {
    const map = root('stage:\nnext: 1\n');
    assert.deepEqual(map.entries[0].valueRange, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
  });

  it('counts lines after \\n, \\r\\n and a lone \\r', () => {
    const index = new LineIndex('a\r\nb\rc\nd');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(5), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(7), { line: 3, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 3, character: 1 });
    const map = root('a: 1\r\nb: 2\r\n');
    assert.deepEqual(map.entries[1].keyRange.start, { line: 1, character: 0 });
    assert.equal(parseYaml('a: 1\r\nb: 2\r\n').offsetAt({ line: 1, character: 3 }), 9);
  });

  it('counts characters in UTF-16 units, as editors do', () => {
    const map = root('title: "😀 x"\nnext: y\n');
    assert.deepEqual(map.entries[0].valueRange.end, { line: 0, character: 13 });
  });

  it('reports every repeated key, pointing at the first one', () => {
    const doc = parseYaml('title: a\nmilestone:\n  beta: x\n  beta: y\ntitle: b\n');
    assert.deepEqual(
      doc.duplicates.map((d) => [d.key, d.range.start.line, d.relatedRange?.start.line]),
      [
        ['beta', 3, 2],
        ['title', 4, 0],
      ],
    );
  });

  it('still reads what it can from a broken file', () => {
    const doc = parseYaml('title: ok\nauthors:\n  - @alice\nstatus: implementable\n');
    assert.ok(doc.syntax.some((p) => p.severity === 'error'));
    const map = doc.root as YamlMap;
    assert.deepEqual(
      map.entries.map((e) => e.key),
      ['title', 'authors', 'status'],
    );
  });

  it('shares aliased nodes instead of expanding them', () => {
    const doc = parseYaml('a: &x [1, 2]\nb: *x\nc: *missing\nd: &y [*y]\n');
    const map = doc.root as YamlMap;
    const b = map.entries[1].value;
    assert.equal(b.kind, 'seq');
    assert.equal(b.kind === 'seq' && b.items.length, 2);
    assert.deepEqual(map.entries[1].valueRange.start, { line: 1, character: 3 });
    assert.equal(map.entries[2].value.kind === 'scalar' && map.entries[2].value.isNull, true);
    const d = map.entries[3].value;
    assert.equal(d.kind === 'seq' && d.items[0].kind === 'scalar' && d.items[0].isNull, true);
  });

  it('has no root for an empty or comment-only file, and never throws', () => {
    assert.equal(parseYaml('').root, undefined);
    assert.equal(parseYaml('# only a comment\n').root, undefined);
    for (const text of ['\u0000\u0001\uFFFF', '[[[[[[', '{', ': :', '- - - -', '"unterminated', '\t\ttab: x', '---\na: 1\n---\nb: 2\n']) parseYaml(text);
  });
});
