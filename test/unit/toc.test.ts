import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import {
  findTocTags,
  generateToc,
  goTrimSpace,
  headingPlainText,
  isTocStaleOnlyByLineEnds,
  isTocUpToDate,
  renderHeading,
  tocAnchor,
  tocReplacement,
} from '../../server/src/core/markdown/toc';

import { describeWithSample, SAMPLE, sampleReadmes } from './support/sample';

/** The checked-in TOC: the trimmed text between the tags. */
function checkedIn(index: MarkdownIndex): string {
  const tags = findTocTags(index);
  assert.ok(!tags.error, `tags: ${tags.error}`);
  const text = index.getText().replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  const open = tags.open!;
  const close = tags.close!;
  const between = [lines[open.line]!.slice(open.character + '<!-- toc -->'.length)]
    .concat(lines.slice(open.line + 1, close.line))
    .concat([lines[close.line]!.slice(0, close.character)]);
  return goTrimSpace(between.join('\n'));
}

function toc(doc: string, maxDepth?: number): string {
  return generateToc(MarkdownIndex.fromText(doc), maxDepth);
}

/** A document whose headings all come after the tags. */
function withTags(...body: string[]): string {
  return ['# Title', '', '<!-- toc -->', '<!-- /toc -->', '', ...body, ''].join('\n');
}

describe('toc (mdtoc v1.4.0)', () => {
  describeWithSample('the sample KEPs', () => {
    const files = sampleReadmes();

    it('finds the sample', () => {
      assert.ok(files.length >= 100, `only ${files.length} READMEs under ${SAMPLE} (set KEP_SAMPLE)`);
    });

    it('reproduces every checked-in TOC byte for byte', function () {
      const wrong: string[] = [];
      for (const file of files) {
        const index = MarkdownIndex.fromText(readFileSync(file, 'utf8'));
        const expected = checkedIn(index);
        const actual = goTrimSpace(generateToc(index));
        if (actual !== expected) {
          const a = actual.split('\n');
          const e = expected.split('\n');
          const i = a.findIndex((l, k) => l !== e[k]);
          wrong.push(`${path.relative(SAMPLE, file)}: line ${i}: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`);
        }
        assert.strictEqual(isTocUpToDate(index), actual === expected);
      }
      assert.deepStrictEqual(wrong, []);
    });

    it('notices a stale TOC and repairs it', () => {
      const file = files.find((f) => f.includes('4381')) ?? files[0]!;
      const text = readFileSync(file, 'utf8');
      const index = MarkdownIndex.fromText(text);
      assert.strictEqual(tocReplacement(index), undefined);
      const line = index.headings().find((h) => h.level === 3 && h.line > findTocTags(index).close!.line)!;
      index.applyEdit({ startLine: line.line, startCharacter: line.column, endLine: line.line, endCharacter: line.column, text: 'Renamed ' });
      assert.strictEqual(isTocUpToDate(index), false);
      const fix = tocReplacement(index)!;
      assert.ok(fix.newText.includes(`- [Renamed ${line.text}](#renamed-`));
      index.applyEdit({
        startLine: fix.startLine,
        startCharacter: fix.startCharacter,
        endLine: fix.endLine,
        endCharacter: fix.endCharacter,
        text: fix.newText,
      });
      assert.strictEqual(isTocUpToDate(index), true);
      assert.strictEqual(tocReplacement(index), undefined);
    });
  });

  describe('anchors', () => {
    it('keeps ASCII letters, digits, _ and -, and turns each space into -', () => {
      assert.strictEqual(tocAnchor('Upgrade / Downgrade Strategy'), 'upgrade--downgrade-strategy');
      assert.strictEqual(tocAnchor('Alpha -> Beta Graduation'), 'alpha---beta-graduation');
      assert.strictEqual(tocAnchor('Q: why_not? (v1.2)'), 'q-why_not-v12');
      assert.strictEqual(tocAnchor('  padded  '), '--padded--');
    });

    it('drops non-ASCII letters, unlike GitHub', () => {
      assert.strictEqual(tocAnchor('Ünïcode naïve'), 'ncode-nave');
      assert.strictEqual(tocAnchor('日本語 KEP'), '-kep');
    });

    it('numbers repeats in order', () => {
      assert.strictEqual(
        toc(withTags('## Duplicate', '## Duplicate', '### Duplicate', '## Other')),
        ['- [Duplicate](#duplicate)', '- [Duplicate](#duplicate-1)', '  - [Duplicate](#duplicate-2)', '- [Other](#other)'].join('\n'),
      );
    });

    it('uses the text of code spans and links, and not markup', () => {
      assert.strictEqual(headingPlainText('The `kubectl debug` command'), 'The kubectl debug command');
      assert.strictEqual(headingPlainText('See [the spec](https://example.com)'), 'See the spec');
      assert.strictEqual(headingPlainText('**be _bold_**'), 'be bold');
      assert.strictEqual(headingPlainText('a <br> b'), 'a  b');
      assert.strictEqual(tocAnchor(headingPlainText('`[Feature:]` label')), 'feature-label');
    });
  });

  describe('labels', () => {
    it('render inline Markdown to HTML as gomarkdown does', () => {
      assert.strictEqual(renderHeading('The `kubectl debug` command').label, 'The <code>kubectl debug</code> command');
      assert.strictEqual(renderHeading('A & B "quoted" don\'t <tag>').label, "A &amp; B &quot;quoted&quot; don't <tag>");
      assert.strictEqual(renderHeading('Alpha -> Beta').label, 'Alpha -&gt; Beta');
      assert.strictEqual(renderHeading('an _exec-style_ plugin').label, 'an <em>exec-style</em> plugin');
      assert.strictEqual(renderHeading('**be _bold_** ~~gone~~').label, '<strong>be <em>bold</em></strong> <del>gone</del>');
      assert.strictEqual(renderHeading('[KEP-1](https://github.com/x/1): title').label, '<a href="https://github.com/x/1">KEP-1</a>: title');
      assert.strictEqual(renderHeading('See https://k8s.io/docs now').label, 'See <a href="https://k8s.io/docs">https://k8s.io/docs</a> now');
      assert.strictEqual(renderHeading('snake_case_name').label, 'snake_case_name');
      assert.strictEqual(renderHeading('escaped \\* star and &amp; entity').label, 'escaped * star and &amp; entity');
    });

    it('stay right through edits to the TOC block, to headings and to other text', () => {
      const start = MarkdownIndex.fromText(withTags('## One', '', 'Text.', '', '## Two', ''));
      const index = MarkdownIndex.fromText(start.getText().replace('<!-- /toc -->', generateToc(start) + '\n<!-- /toc -->'));
      assert.strictEqual(isTocUpToDate(index), true);
      const entry = index.lines().indexOf('- [Two](#two)');
      const edit = (line: number, character: number, text: string, deleting = 0) =>
        index.applyEdit({ startLine: line, startCharacter: character, endLine: line, endCharacter: character + deleting, text });
      edit(entry, 4, 'x');
      assert.strictEqual(isTocUpToDate(index), false, 'an edited entry');
      edit(entry, 4, '', 1);
      assert.strictEqual(isTocUpToDate(index), true, 'the entry restored');
      const text = index.lines().indexOf('Text.');
      edit(text, 0, 'More ');
      assert.strictEqual(isTocUpToDate(index), true, 'an edit outside the TOC and the headings');
      const heading = index.lines().indexOf('## Two');
      edit(heading, 6, 'x');
      assert.strictEqual(isTocUpToDate(index), false, 'an edited heading');
      edit(heading, 6, '', 1);
      assert.strictEqual(isTocUpToDate(index), true, 'the heading restored');
    });

    it('follow definitions added and removed by edits, re-rendering only headings that use one', () => {
      const index = MarkdownIndex.fromText(withTags('## Risks [optional]', '', '## Plain', '', 'Body.'));
      const fresh = () => generateToc(MarkdownIndex.fromText(index.getText()));
      assert.strictEqual(generateToc(index), '- [Risks [optional]](#risks-optional)\n- [Plain](#plain)');
      const last = index.lineCount - 1;
      index.applyEdit({ startLine: last, startCharacter: 0, endLine: last, endCharacter: 0, text: '[optional]: /opt\n' });
      assert.strictEqual(generateToc(index), fresh());
      assert.match(generateToc(index), /<a href="\/opt">optional<\/a>/);
      index.applyEdit({ startLine: last, startCharacter: 0, endLine: last + 1, endCharacter: 0, text: '' });
      assert.strictEqual(generateToc(index), fresh());
      assert.strictEqual(generateToc(index), '- [Risks [optional]](#risks-optional)\n- [Plain](#plain)');
    });

    it('resolve reference links against definitions after the tag', () => {
      const doc = withTags(
        '## Read [the spec][spec] first',
        '',
        '## [Shortcut]',
        '',
        '## [missing][nope]',
        '',
        '[SPEC]: https://example.com/spec "The Spec"',
        '[shortcut]: /s',
      );
      assert.strictEqual(
        toc(doc),
        [
          '- [Read <a href="https://example.com/spec" title="The Spec">the spec</a> first](#read-the-spec-first)',
          '- [<a href="/s">Shortcut</a>](#shortcut)',
          '- [[missing][nope]](#missingnope)',
        ].join('\n'),
      );
    });
  });

  describe('generateToc', () => {
    it('indents by level relative to the smallest level after the tag and honours the depth', () => {
      const doc = withTags('### Three', '#### Four', '###### Six', '##### Five');
      assert.strictEqual(toc(doc), ['- [Three](#three)', '  - [Four](#four)', '    - [Five](#five)'].join('\n'));
      assert.strictEqual(toc(doc, 6), ['- [Three](#three)', '  - [Four](#four)', '      - [Six](#six)', '    - [Five](#five)'].join('\n'));
    });

    it('uses the smallest level even when it comes later', () => {
      assert.strictEqual(toc(withTags('## Two', '# One')), ['  - [Two](#two)', '- [One](#one)'].join('\n'));
    });

    it('ignores headings before the closing tag and strips {#id}', () => {
      assert.strictEqual(toc(withTags('## Named {#custom}', 'Setext', '---')), ['- [Named](#named)', '- [Setext](#setext)'].join('\n'));
    });

    it('is not fooled by a fence right after a list item (a false stale-TOC error before)', () => {
      const index = MarkdownIndex.fromText(withTags('- item', '```yaml', '# not a heading', '', '```', '## Real'));
      assert.strictEqual(generateToc(index), '- [Real](#real)');
      assert.strictEqual(isTocUpToDate(MarkdownIndex.fromText(withTags('- item', '```yaml', '# not a heading', '- b', '```'))), true);
    });

    it('takes a setext heading whose text starts with the closing tag', () => {
      // mdtoc parses from the tag on, so the tag line is the heading text
      assert.strictEqual(toc('<!-- toc -->\n<!-- /toc --> text\n---\n'), '- [<!-- /toc --> text](#-text)');
    });

    it('is empty without headings', () => {
      assert.strictEqual(toc(withTags('just text')), '');
    });
  });

  describe('tags', () => {
    it('finds the first case-insensitive match of each, with exact spacing', () => {
      const index = MarkdownIndex.fromText('# T\n<!--toc-->\n<!-- TOC -->\n<!-- /Toc -->\n<!-- /toc -->\n');
      assert.deepStrictEqual(findTocTags(index), { open: { line: 2, character: 0 }, close: { line: 3, character: 0 } });
    });

    it('reports missing and misplaced tags', () => {
      assert.strictEqual(findTocTags(MarkdownIndex.fromText('# T\n<!-- /toc -->\n')).error, 'missing-open');
      assert.strictEqual(findTocTags(MarkdownIndex.fromText('# T\n<!-- toc -->\n')).error, 'missing-close');
      assert.strictEqual(findTocTags(MarkdownIndex.fromText('<!-- /toc --><!-- toc -->')).error, 'close-before-open');
      assert.strictEqual(findTocTags(MarkdownIndex.fromText('# T\n')).error, 'missing-open');
      assert.strictEqual(isTocUpToDate(MarkdownIndex.fromText('# T\n<!-- toc -->\n')), false);
      assert.strictEqual(tocReplacement(MarkdownIndex.fromText('# T\n<!-- toc -->\n')), undefined);
    });
  });

  describe('tocReplacement', () => {
    it('rewrites the text between the tags with LF, also in a CRLF document, as mdtoc --inplace does', () => {
      const doc = withTags('## A', '## B').replace(/\n/g, '\r\n');
      const index = MarkdownIndex.fromText(doc);
      assert.deepStrictEqual(tocReplacement(index), {
        startLine: 2,
        startCharacter: '<!-- toc -->'.length,
        endLine: 3,
        endCharacter: 0,
        newText: '\n- [A](#a)\n- [B](#b)\n',
      });
    });

    it('leaves a single line break for an empty TOC', () => {
      const index = MarkdownIndex.fromText('# T\n<!-- toc -->\n- [Gone](#gone)\n<!-- /toc -->\ntext\n');
      assert.strictEqual(tocReplacement(index)?.newText, '\n');
    });

    it('judges line breaks byte for byte as mdtoc does: CRLF between two entries is stale, around them it is trimmed', () => {
      const crlf = (s: string) => s.replace(/\n/g, '\r\n');
      const body = ['## A', '', '## B', ''].join('\n');
      const up = (between: string, rest = crlf(body)) => isTocUpToDate(MarkdownIndex.fromText(`# T\r\n<!-- toc -->${between}<!-- /toc -->\r\n${rest}`));
      assert.strictEqual(up('\r\n- [A](#a)\r\n- [B](#b)\r\n'), false, 'CRLF between entries');
      assert.strictEqual(up('\r\n- [A](#a)\n- [B](#b)\r\n'), true, 'LF between entries, CRLF around them');
      assert.strictEqual(up('\n- [A](#a)\n- [B](#b)\n'), true, 'what mdtoc --inplace writes into a CRLF file');
      assert.strictEqual(up('\r- [A](#a)\r- [B](#b)\r'), false, 'CR between entries');
      assert.strictEqual(up('\r\n- [A](#a)\r\n', crlf('## A\n')), true, 'one entry: only trimmed breaks');
      const index = MarkdownIndex.fromText(`# T\r\n<!-- toc -->\r\n- [A](#a)\r\n- [B](#b)\r\n<!-- /toc -->\r\n${crlf(body)}`);
      assert.strictEqual(isTocStaleOnlyByLineEnds(index), true);
      const stale = MarkdownIndex.fromText(`# T\r\n<!-- toc -->\r\n- [A](#a)\r\n<!-- /toc -->\r\n${crlf(body)}`);
      assert.strictEqual(isTocStaleOnlyByLineEnds(stale), false, 'an entry missing is more than line ends');
      assert.strictEqual(isTocStaleOnlyByLineEnds(MarkdownIndex.fromText(withTags('## A'))), false);
    });

    it('follows edits that change only line breaks inside the block', () => {
      const index = MarkdownIndex.fromText(['# T', '<!-- toc -->', '- [A](#a)', '- [B](#b)', '<!-- /toc -->', '## A', '## B', ''].join('\n'));
      assert.strictEqual(isTocUpToDate(index), true);
      index.applyEdit({ startLine: 2, startCharacter: 9, endLine: 3, endCharacter: 0, text: '\r\n' });
      assert.deepStrictEqual(index.lines().slice(2, 4), ['- [A](#a)', '- [B](#b)'], 'the same lines');
      assert.strictEqual(isTocUpToDate(index), false, 'a CRLF between entries');
      index.applyEdit({ startLine: 2, startCharacter: 9, endLine: 3, endCharacter: 0, text: '\n' });
      assert.strictEqual(isTocUpToDate(index), true);
    });

    it('accepts surrounding whitespace as mdtoc does', () => {
      assert.strictEqual(isTocUpToDate(MarkdownIndex.fromText('<!-- toc -->\n\n- [A](#a)\n  \n<!-- /toc -->\n## A\n')), true);
      assert.strictEqual(isTocUpToDate(MarkdownIndex.fromText('<!-- toc --><!-- /toc -->\ntext\n')), true);
    });
  });
});
