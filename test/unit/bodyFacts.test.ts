import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { chunkBounds, commentOnlyFacts, parsedFacts } from '../../server/src/model/bodyFacts';
import { sampleReadmes } from './support/sample';

describe('body facts of a chunk that is one HTML comment', () => {
  it('are the same without a parse as with one, on every such chunk of the sample', () => {
    let checked = 0;
    for (const file of sampleReadmes()) {
      const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
      for (const [start, end] of chunkBounds(lines, 0, lines.length)) {
        const text = lines.slice(start, end).join('\n');
        const quick = commentOnlyFacts(text);
        if (!quick) continue;
        checked++;
        assert.deepStrictEqual(quick, parsedFacts(text), `${file}:${start + 1}`);
      }
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
