import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { collectReferenceDefinitions } from '../../server/src/core/markdown/headingScanner';
import { MarkdownIndex, type TextEdit } from '../../server/src/core/markdown/markdownIndex';

/** FC_SEED (and FC_PATH) replay a failing run that fast-check reported. */
const REPRODUCE = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

import { itWithSample, sampleReadmes } from './support/sample';

/** Applies an edit to plain text with the position rules of vscode-languageserver-textdocument. */
function applyToText(text: string, e: TextEdit): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  const offsetAt = (line: number, ch: number): number => {
    if (line >= starts.length) return text.length;
    if (line < 0) return 0;
    const lineStart = starts[line]!;
    let lineEnd = line + 1 < starts.length ? starts[line + 1]! : text.length;
    while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.max(lineStart, Math.min(lineStart + Math.max(ch, 0), lineEnd));
  };
  let a = offsetAt(e.startLine, e.startCharacter);
  let b = offsetAt(e.endLine, e.endCharacter);
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + e.text + text.slice(b);
}

/** The incremental index must equal an index built from scratch on the same text. */
function assertSameAsFresh(index: MarkdownIndex, expectedText: string, context = ''): void {
  assert.strictEqual(index.getText(), expectedText, `text ${context}`);
  const fresh = MarkdownIndex.fromText(expectedText);
  assert.deepStrictEqual(index.lines(), fresh.lines(), `lines ${context}`);
  assert.deepStrictEqual(index.headings(), fresh.headings(), `headings ${context}`);
  assert.deepStrictEqual(index.checkpoints(), fresh.checkpoints(), `checkpoints ${context}`);
  assert.deepStrictEqual(index.inputTally(), fresh.inputTally(), `input tally ${context}`);
  assert.strictEqual(index.eol, fresh.eol, `eol ${context}`);
}

function edit(index: MarkdownIndex, text: string, e: TextEdit): string {
  index.applyEdit(e);
  return applyToText(text, e);
}

const at = (line: number, ch: number, text: string, endLine = line, endCh = ch): TextEdit => ({
  startLine: line,
  startCharacter: ch,
  endLine,
  endCharacter: endCh,
  text,
});

describe('MarkdownIndex', () => {
  describe('fromText', () => {
    it('splits on \\r\\n, \\n and \\r and keeps the text', () => {
      const text = 'a\r\nb\nc\rd';
      const index = MarkdownIndex.fromText(text);
      assert.deepStrictEqual(index.lines(), ['a', 'b', 'c', 'd']);
      assert.strictEqual(index.lineCount, 4);
      assert.strictEqual(index.getText(), text);
      assert.strictEqual(index.line(9), '');
    });

    it('knows the dominant line terminator', () => {
      assert.strictEqual(MarkdownIndex.fromText('a\r\nb\r\nc\n').eol, '\r\n');
      assert.strictEqual(MarkdownIndex.fromText('a\nb').eol, '\n');
      assert.strictEqual(MarkdownIndex.fromText('single line').eol, '\n');
    });

    it('strips and remembers a BOM', () => {
      const index = MarkdownIndex.fromText('\uFEFF# Title\n');
      assert.strictEqual(index.hasBom, true);
      assert.strictEqual(index.line(0), '# Title');
      assert.strictEqual(index.headings()[0]?.column, 2);
      assert.strictEqual(index.getText(), '\uFEFF# Title\n');
    });

    it('finds the headings', () => {
      const index = MarkdownIndex.fromText('# T\n\n<!--\n## hidden\n-->\n\n## Shown\n');
      assert.deepStrictEqual(
        index.headings().map((h) => h.text),
        ['T', 'Shown'],
      );
    });
  });

  describe('applyEdit', () => {
    it('drops a checkpoint that the edited line no longer earns (found by the property test)', () => {
      const index = MarkdownIndex.fromText('# Title\n<!-- toc -->\n- [x](#x)\n<!-- /toc -->\n<!--');
      index.applyEdit({ startLine: 4, startCharacter: 0, endLine: 4, endCharacter: 4, text: '' });
      assertSameAsFresh(index, '# Title\n<!-- toc -->\n- [x](#x)\n<!-- /toc -->\n');
    });

    const base = ['# Title', '', 'Intro text.', '', '## One', '', 'body', '', '## Two', '', 'more', ''].join('\n');

    it('inserts and deletes lines', () => {
      const index = MarkdownIndex.fromText(base);
      let text = base;
      text = edit(index, text, at(6, 0, 'new line\n\n## Inserted\n\n'));
      assertSameAsFresh(index, text);
      assert.ok(index.headings().some((h) => h.text === 'Inserted'));
      text = edit(index, text, at(6, 0, '', 10, 0));
      assertSameAsFresh(index, text);
      assert.strictEqual(index.version, 2);
    });

    it('joins and splits lines', () => {
      const index = MarkdownIndex.fromText(base);
      let text = base;
      text = edit(index, text, at(4, 6, '', 6, 0)); // "## Onebody"
      assertSameAsFresh(index, text);
      assert.ok(index.headings().some((h) => h.text === 'Onebody'));
      text = edit(index, text, at(4, 3, '\n')); // split the heading
      assertSameAsFresh(index, text);
    });

    it('rescans only a few lines for an edit inside a long comment or fence', () => {
      const body = Array.from({ length: 500 }, (_, i) => `line ${i}`);
      const text0 = ['# T', '', '<!--', ...body, '-->', '', '```', ...body, '```', '', '## End', ''].join('\n');
      const index = MarkdownIndex.fromText(text0);
      let text = text0;
      text = edit(index, text, at(250, 2, 'typed'));
      assertSameAsFresh(index, text);
      assert.ok(index.lastRescan.to - index.lastRescan.from <= 3, JSON.stringify(index.lastRescan));
      text = edit(index, text, at(760, 0, '## still code\n'));
      assertSameAsFresh(index, text);
      assert.ok(index.lastRescan.to - index.lastRescan.from <= 3, JSON.stringify(index.lastRescan));
      assert.deepStrictEqual(
        index.headings().map((h) => h.text),
        ['T', 'End'],
      );
    });

    it('handles an edit that removes the closer of a long fence', () => {
      const body = Array.from({ length: 300 }, (_, i) => (i === 100 ? '## in code' : `line ${i}`));
      const text0 = ['# T', '', '```', ...body, '```', '', '## End', ''].join('\n');
      const index = MarkdownIndex.fromText(text0);
      let text = edit(index, text0, at(303, 0, '', 303, 3));
      assertSameAsFresh(index, text);
      assert.deepStrictEqual(
        index.headings().map((h) => h.text),
        ['T', 'in code', 'End'],
      );
      text = edit(index, text, at(303, 0, '```'));
      assertSameAsFresh(index, text);
    });

    it('handles opening a fence that swallows the rest, and closing it again', () => {
      const index = MarkdownIndex.fromText(base);
      let text = base;
      text = edit(index, text, at(2, 0, '```\n'));
      assertSameAsFresh(index, text);
      // unclosed: not a fence, so the headings are still there
      assert.strictEqual(index.headings().length, 3);
      text = edit(index, text, at(index.lineCount - 1, 0, '```\n'));
      assertSameAsFresh(index, text);
      assert.deepStrictEqual(
        index.headings().map((h) => h.text),
        ['Title'],
      );
    });

    it('handles edits inside comments that open and close them', () => {
      const index = MarkdownIndex.fromText(base);
      let text = base;
      text = edit(index, text, at(3, 0, '\n<!--\n'));
      assertSameAsFresh(index, text);
      text = edit(index, text, at(index.lines().indexOf('## Two'), 0, '-->\n\n'));
      assertSameAsFresh(index, text);
      assert.deepStrictEqual(
        index.headings().map((h) => h.text),
        ['Title', 'Two'],
      );
    });

    it('keeps CRLF documents right, including edits that join or split a \\r\\n pair', () => {
      const crlf = base.replace(/\n/g, '\r\n');
      const index = MarkdownIndex.fromText(crlf);
      assert.strictEqual(index.eol, '\r\n');
      let text = crlf;
      text = edit(index, text, at(4, 6, 'x\r\ny'));
      assertSameAsFresh(index, text);
      text = edit(index, text, at(6, 0, '', 7, 0));
      assertSameAsFresh(index, text);
      // a lone \r line ending followed by an inserted \n becomes one line break
      const cr = MarkdownIndex.fromText('a\rb');
      let t2 = edit(cr, 'a\rb', at(1, 0, '\nc'));
      assert.deepStrictEqual(cr.lines(), ['a', 'c' + 'b']);
      assertSameAsFresh(cr, t2);
      // inserting \r before a \n terminator joins them
      const lf = MarkdownIndex.fromText('a\nb');
      t2 = edit(lf, 'a\nb', at(0, 1, 'x\r'));
      assert.deepStrictEqual(lf.lines(), ['ax', 'b']);
      assertSameAsFresh(lf, t2);
    });

    it('clamps positions like the LSP text document', () => {
      const index = MarkdownIndex.fromText('ab\r\ncd');
      let text = 'ab\r\ncd';
      text = edit(index, text, at(0, 99, '!')); // past the end of the line: before the \r\n
      text = edit(index, text, at(99, 0, '?')); // past the last line: end of document
      text = edit(index, text, at(1, 2, '', 0, 1)); // reversed range
      assertSameAsFresh(index, text);
    });

    it('keeps the BOM out of positions', () => {
      const index = MarkdownIndex.fromText('\uFEFFab\ncd');
      index.applyEdit(at(0, 0, 'X'));
      assert.strictEqual(index.line(0), 'Xab');
      assert.strictEqual(index.getText(), '\uFEFFXab\ncd');
    });

    it('moves the TOC reset when the closing tag is added or removed', () => {
      const doc = ['# T', '<!-- toc -->', '<!-- /toc -->', '', '```', '## A', '```', ''].join('\n');
      const index = MarkdownIndex.fromText(doc);
      let text = doc;
      text = edit(index, text, at(2, 5, '', 2, 6)); // break the tag
      assertSameAsFresh(index, text);
      text = edit(index, text, at(5, 0, '<!-- /toc -->\n')); // a new first tag inside the fence
      assertSameAsFresh(index, text);
      assert.ok(index.headings().some((h) => h.text === 'A'));
    });
  });

  describe('property: incremental equals from scratch', () => {
    const files = sampleReadmes();
    const texts = files.map((f) => readFileSync(f, 'utf8').split('\n'));
    const TOKENS = [
      '\n',
      '\n\n',
      '```',
      '```\n',
      '~~~',
      '<!--',
      '-->',
      '<!-- x -->\n',
      '## ',
      '# ',
      '===',
      '---',
      '- ',
      '  - ',
      '1. ',
      '> ',
      '    ',
      '<!-- /toc -->',
      '<!-- toc -->',
      '<div>',
      '</div>\n\n',
      '| a | b |\n|---|---|\n',
      '[x]: http://y\n',
      ': ',
      '$$',
      '\t',
      '{#id}',
      'text',
      'x',
      '\r\n',
      '\r',
      '',
    ];
    const editArb = fc.record({
      line: fc.double({ min: 0, max: 1, noNaN: true }),
      ch: fc.nat(120),
      span: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(6)),
      endCh: fc.nat(120),
      pieces: fc.array(fc.constantFrom(...TOKENS), { maxLength: 4 }),
    });
    const caseArb = fc.record({
      file: fc.nat(Math.max(0, texts.length - 1)),
      start: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.integer({ min: 1, max: 120 }),
      withToc: fc.boolean(),
      crlf: fc.boolean(),
      edits: fc.array(editArb, { minLength: 1, maxLength: 8 }),
    });

    itWithSample('holds for 2,500 random edit sequences on real KEP text', function () {
      this.timeout(120000);
      assert.ok(texts.length > 0);
      fc.assert(
        fc.property(caseArb, (c) => {
          const src = texts[c.file]!;
          const from = Math.floor(c.start * src.length);
          let text = src.slice(from, from + c.length).join(c.crlf ? '\r\n' : '\n');
          if (c.withToc) text = '# Title\n<!-- toc -->\n- [x](#x)\n<!-- /toc -->\n' + text;
          const index = MarkdownIndex.fromText(text);
          for (const e of c.edits) {
            const line = Math.min(index.lineCount - 1, Math.floor(e.line * index.lineCount));
            const endLine = Math.min(index.lineCount - 1, line + e.span);
            const te: TextEdit = {
              startLine: line,
              startCharacter: e.ch,
              endLine,
              endCharacter: endLine === line ? e.ch + (e.endCh % 8) : e.endCh,
              text: e.pieces.join(''),
            };
            text = edit(index, text, te);
          }
          assertSameAsFresh(index, text);
        }),
        { numRuns: 2500, ...REPRODUCE },
      );
    });

    itWithSample('keeps definitionsVersion while the reference definitions stay the same (1,500 sequences)', function () {
      this.timeout(120000);
      const refTokens = fc.constantFrom(...TOKENS, '[a]: /u\n', '[b]:\n', '  /v "t"\n', '[A]', ']:', '[c]: <w> (t)\n');
      const refEdit = fc.record({
        line: fc.double({ min: 0, max: 1, noNaN: true }),
        ch: fc.nat(60),
        span: fc.nat(3),
        pieces: fc.array(refTokens, { maxLength: 4 }),
      });
      fc.assert(
        fc.property(caseArb, fc.array(refEdit, { minLength: 1, maxLength: 8 }), (c, edits) => {
          const src = texts[c.file]!;
          const from = Math.floor(c.start * src.length);
          let text = src.slice(from, from + c.length).join('\n') + '\n[a]: /one\n\n- [b]: /two\n';
          if (c.withToc) text = '# Title\n[z]: /before\n<!-- toc -->\n- [x](#x)\n<!-- /toc -->\n' + text;
          const index = MarkdownIndex.fromText(text);
          let version = index.definitionsVersion;
          let refs = collectReferenceDefinitions(index.lines());
          for (const e of edits) {
            const line = Math.min(index.lineCount - 1, Math.floor(e.line * index.lineCount));
            const endLine = Math.min(index.lineCount - 1, line + e.span);
            text = edit(index, text, { startLine: line, startCharacter: e.ch, endLine, endCharacter: e.ch, text: e.pieces.join('') });
            const now = collectReferenceDefinitions(index.lines());
            if (index.definitionsVersion === version) assert.deepStrictEqual(now, refs, `definitions changed but definitionsVersion did not, text:\n${text}`);
            version = index.definitionsVersion;
            refs = now;
          }
        }),
        { numRuns: 1500, ...REPRODUCE },
      );
    });

    it('holds for 1,000 sequences on construct-dense synthetic text', function () {
      this.timeout(120000);
      const LINES = [
        '```',
        '```go',
        '~~~',
        '````',
        '<!--',
        '-->',
        '<!-- x -->',
        '<!-- a',
        'b -->',
        '## H',
        '# T',
        'text',
        '',
        '',
        '===',
        '---',
        '- item',
        '  - sub',
        '1. one',
        '> quote',
        '    code',
        '<div>',
        '</div>',
        '<!-- /toc -->',
        '| a | b |',
        '|---|---|',
        '[x]: /y',
        ': def',
        '$$',
        '%%%',
        '- ## Q',
        '  ## indented',
      ];
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 40 }),
          fc.array(
            fc.record({
              line: fc.double({ min: 0, max: 1, noNaN: true }),
              ch: fc.nat(12),
              span: fc.nat(3),
              add: fc.array(fc.constantFrom(...LINES.map((l) => l + '\n'), '\n', 'x', '```', '-->'), { maxLength: 3 }),
            }),
            {
              minLength: 1,
              maxLength: 10,
            },
          ),
          (docLines, edits) => {
            let text = docLines.join('\n');
            const index = MarkdownIndex.fromText(text);
            for (const e of edits) {
              const line = Math.min(index.lineCount - 1, Math.floor(e.line * index.lineCount));
              const endLine = Math.min(index.lineCount - 1, line + e.span);
              text = edit(index, text, { startLine: line, startCharacter: e.ch, endLine, endCharacter: e.ch, text: e.add.join('') });
            }
            assertSameAsFresh(index, text);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
