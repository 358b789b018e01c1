import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { bodyFacts, chunkBounds, commentOnlyFacts, fenceOnlyFacts, parsedFacts, shiftFacts, topLevelItems } from '../../server/src/core/markdown/bodyFacts';
import { itWithSample, sampleReadmes } from './support/sample';

interface SampleChunk {
  where: string;
  lines: string[];
  start: number;
  end: number;
  text: string;
}

let chunks: SampleChunk[] | undefined;

/** Every chunk of every sample README, read once for the tests below. */
function sampleChunks(): SampleChunk[] {
  if (!chunks) {
    chunks = [];
    for (const file of sampleReadmes()) {
      const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
      for (const [start, end] of chunkBounds(lines, 0, lines.length)) {
        chunks.push({ where: `${file}:${start + 1}`, lines, start, end, text: lines.slice(start, end).join('\n') });
      }
    }
  }
  return chunks;
}

describe('body facts of a chunk that is one HTML comment', () => {
  itWithSample('are the same without a parse as with one, on every such chunk of the sample', () => {
    let checked = 0;
    for (const { where, text } of sampleChunks()) {
      const quick = commentOnlyFacts(text);
      if (!quick) continue;
      checked++;
      assert.deepStrictEqual(quick, parsedFacts(text), where);
    }
    assert.ok(checked > 500, `only ${checked} comment-only chunks in the sample`);
  });

  it('are left to the parser when anything else shares the chunk', () => {
    for (const text of [
      '<!-- a -->\ntext after',
      '<!-- a -->\n<!-- b -->',
      'text\n<!-- a -->',
      '    <!-- indented code, not HTML -->',
      '<!--> empty comment',
      '<!---> also empty',
      '<!-- never closed',
      '<!-- a --> text on the same line',
    ]) {
      assert.strictEqual(commentOnlyFacts(text), undefined, text);
    }
    const multi = '<!--\nGuidance.\n\nMore guidance.\n-->\n';
    assert.deepStrictEqual(commentOnlyFacts(multi), parsedFacts(multi));
    assert.deepStrictEqual(commentOnlyFacts('   <!-- three spaces -->'), parsedFacts('   <!-- three spaces -->'));
  });
});

describe('body facts of a chunk that is a list', () => {
  itWithSample('are the same parsed item by item as parsed whole, on every list chunk of the sample', () => {
    let split = 0;
    for (const { where, lines, start, end, text } of sampleChunks()) {
      if (topLevelItems(lines, start, end).length < 2) continue;
      split++;
      assert.deepStrictEqual(bodyFacts(lines, start, end), shiftFacts(parsedFacts(text), start), where);
    }
    assert.ok(split > 500, `only ${split} list chunks split in the sample`);
  });

  it('is one piece when a line could be something other than an item', () => {
    const one = (...chunk: string[]) => topLevelItems(chunk, 0, chunk.length).length;
    assert.equal(one('- a', '- b', '  - nested', '- c'), 3);
    assert.equal(one('1. a', 'lazy text', '2. b'), 2);
    assert.equal(one('- a', '```', '- code', '```'), 1, 'a fence');
    assert.equal(one('- a', '<details>', '- html'), 1, 'an HTML block');
    assert.equal(one('- a', '1. other kind'), 1, 'another kind of marker');
    assert.equal(one('- a', '* other bullet'), 1, 'another bullet');
    assert.equal(one('- a', '- - -'), 1, 'a thematic break');
    assert.equal(one('text', '- a'), 1, 'not a list');
    assert.equal(one('<!-- toc -->', '- [A](#a)', '  - [B](#b)', '- [C](#c)', '<!-- /toc -->', ''), 4, 'a TOC block');
    assert.equal(one('- a', '<!-- c -->', 'text'), 1, 'text after a comment line');
    assert.equal(one('<!-- a --> <!-- b -->', '- a'), 1, 'two comments on a line');
  });
});

describe('body facts of a chunk that is one fenced code block', () => {
  itWithSample('are the same without a parse as with one, on every such chunk of the sample', () => {
    let checked = 0;
    for (const { where, text } of sampleChunks()) {
      const quick = fenceOnlyFacts(text);
      if (!quick) continue;
      checked++;
      assert.deepStrictEqual(quick, parsedFacts(text), where);
    }
    assert.ok(checked > 300, `only ${checked} fence-only chunks in the sample`);
  });

  it('are left to the parser when the fence does not close at the end of the chunk', () => {
    for (const text of ['```go\ncode', '```\ncode\n```\ntext after', '```a`b\ncode\n```', '~~~\ncode\n```']) {
      assert.strictEqual(fenceOnlyFacts(text), undefined, text);
    }
  });
});
