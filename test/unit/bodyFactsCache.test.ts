import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { bodyFacts } from '../../server/src/core/markdown/bodyFacts';
import { BodyFactsCache } from '../../server/src/core/markdown/bodyFactsCache';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { buildSections } from '../../server/src/core/markdown/sections';
import { itWithSample, sampleReadmes } from './support/sample';

/** Every body's facts from the cache, beside the same computed from scratch. */
function assertSameAsFresh(cache: BodyFactsCache, index: MarkdownIndex): void {
  const tree = buildSections(index);
  assert.deepStrictEqual(cache.factsOf(index, 0, tree.preambleEnd, ''), bodyFacts(index.lines(), 0, tree.preambleEnd), 'preamble');
  for (const s of tree.sections) {
    const cached = cache.factsOf(index, s.bodyStart, s.bodyEnd, s.heading.text);
    assert.deepStrictEqual(cached, bodyFacts(index.lines(), s.bodyStart, s.bodyEnd), `section ${s.title} at line ${s.heading.line}`);
  }
}

/** The edit a generated { line (0–1 of the document), ch, span (lines), text } stands for. */
function applyRandomEdit(index: MarkdownIndex, e: { line: number; ch: number; span: number; text: string }): void {
  const line = Math.min(index.lineCount - 1, Math.floor(e.line * index.lineCount));
  index.applyEdit({ startLine: line, startCharacter: e.ch, endLine: Math.min(index.lineCount - 1, line + e.span), endCharacter: e.ch, text: e.text });
}

describe('BodyFactsCache', () => {
  it('reuses the facts of an untouched body, moved to where it now starts', () => {
    const index = MarkdownIndex.fromText('# T\n\n## A\n\n<!-- a -->\n\n## B\n\n<!-- b -->\n');
    const cache = new BodyFactsCache();
    const before = cache.factsOf(index, 7, 9, '## B');
    index.applyEdit({ startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 0, text: 'one\ntwo\n' });
    const after = cache.factsOf(index, 9, 11, '## B');
    assert.strictEqual(after.comments[0]?.line, before.comments[0]!.line + 2);
    assert.deepStrictEqual(after, bodyFacts(index.lines(), 9, 11));
  });

  it('finds moved bodies where they came from, not where a same-sized body was', () => {
    // Bodies three lines apart and an edit that adds three lines: a body looked up at the wrong
    // old position would find another body of the same size there.
    const index = MarkdownIndex.fromText('# T\n## A\n<!-- a -->\n\n## B\n<!-- b -->\n\n## C\n<!-- c -->\n\n## D\n<!-- d -->\n');
    const cache = new BodyFactsCache();
    assertSameAsFresh(cache, index);
    index.applyEdit({ startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 0, text: 'x\ny\nz\n' });
    assertSameAsFresh(cache, index);
    index.applyEdit({ startLine: 1, startCharacter: 0, endLine: 4, endCharacter: 0, text: '' });
    assertSameAsFresh(cache, index);
  });

  it('tells apart bodies under the same heading when lines move', () => {
    // Only the last body under a heading text is remembered by that text: the others are found by
    // where they were, or computed again, never taken from a same-titled body with other lines.
    const bodies = ['<!-- a -->', 'text', '<<[UNRESOLVED x]>>\n<<[/UNRESOLVED]>>', '', '- Feature gate name:'];
    const index = MarkdownIndex.fromText('# T\n' + bodies.map((b) => `## Same\n${b}\n`).join(''));
    const cache = new BodyFactsCache();
    assertSameAsFresh(cache, index);
    index.applyEdit({ startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 0, text: '## Same\n<!-- new -->\n' });
    assertSameAsFresh(cache, index);
    index.applyEdit({ startLine: 3, startCharacter: 0, endLine: 5, endCharacter: 0, text: '' });
    assertSameAsFresh(cache, index);
  });

  itWithSample('equals facts computed from scratch after random edits to real KEPs (200 sequences)', function () {
    this.timeout(120000);
    const texts = sampleReadmes()
      .slice(0, 20)
      .map((f) => readFileSync(f, 'utf8'));
    const pieces = fc.constantFrom('x', '\n', '\n\n', '<!--', '-->', '## New\n', '```\n', '- ', '<<[UNRESOLVED]>>', '');
    const editArb = fc.record({ line: fc.double({ min: 0, max: 1, noNaN: true }), ch: fc.nat(40), span: fc.nat(2), text: pieces });
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(editArb, { minLength: 1, maxLength: 6 }), (file, edits) => {
        const index = MarkdownIndex.fromText(texts[file]!);
        const cache = new BodyFactsCache();
        assertSameAsFresh(cache, index);
        for (const e of edits) {
          applyRandomEdit(index, e);
          assertSameAsFresh(cache, index);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the facts object of a body when an edit leaves its facts as they were', () => {
    const index = MarkdownIndex.fromText('# T\n\n## A\n\nSome prose here.\n\n<!-- a -->\n');
    const cache = new BodyFactsCache();
    const before = cache.factsOf(index, 3, index.lineCount, '## A');
    index.applyEdit({ startLine: 4, startCharacter: 4, endLine: 4, endCharacter: 4, text: 'x' });
    const typed = cache.factsOf(index, 3, index.lineCount, '## A');
    assert.strictEqual(typed, before, 'typing in prose: the same object');
    index.applyEdit({ startLine: 6, startCharacter: 0, endLine: 6, endCharacter: 0, text: 'x' });
    const moved = cache.factsOf(index, 3, index.lineCount, '## A');
    assert.notStrictEqual(moved, before, 'the comment moved right: new facts');
    assert.deepStrictEqual(moved, bodyFacts(index.lines(), 3, index.lineCount));
  });

  itWithSample('never hands out facts an edit made stale, however few bodies each analysis asks about (200 sequences)', function () {
    // The language server asks only about the bodies an edit touched, and a hover may ask about one
    // body only: a body edited at one version may first be asked about several edits later.
    this.timeout(120000);
    const texts = sampleReadmes()
      .slice(20, 40)
      .map((f) => readFileSync(f, 'utf8'));
    const pieces = fc.constantFrom('x', '\n', '<!--', '-->', '## New\n', '```\n', '<<[UNRESOLVED]>>', '');
    const editArb = fc.record({
      line: fc.double({ min: 0, max: 1, noNaN: true }),
      ch: fc.nat(40),
      span: fc.nat(1),
      text: pieces,
      ask: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(editArb, { minLength: 1, maxLength: 8 }), (file, edits) => {
        const index = MarkdownIndex.fromText(texts[file]!);
        const cache = new BodyFactsCache();
        assertSameAsFresh(cache, index);
        for (const e of edits) {
          applyRandomEdit(index, e);
          // One body, somewhere in the document, and none of the others.
          const sections = buildSections(index).sections;
          const s = sections[Math.floor(e.ask * sections.length)];
          if (s) assert.deepStrictEqual(cache.factsOf(index, s.bodyStart, s.bodyEnd, s.heading.text), bodyFacts(index.lines(), s.bodyStart, s.bodyEnd));
        }
        assertSameAsFresh(cache, index);
      }),
      { numRuns: 200 },
    );
  });
});
