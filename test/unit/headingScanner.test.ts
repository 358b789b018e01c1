import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  INITIAL_SCAN_STATE,
  RESUME_FAILED,
  collectReferenceDefinitions,
  isConditionalState,
  scanHeadings,
  type ScanEvent,
  type ScannedHeading,
} from '../../server/src/core/markdown/headingScanner';

import { itWithSample, SAMPLE, sampleReadmes } from './support/sample';

function events(lines: readonly string[], from = 0, state = INITIAL_SCAN_STATE): ScanEvent[] {
  const out: ScanEvent[] = [];
  scanHeadings(lines, from, state, (e) => {
    out.push(e);
  });
  return out;
}

function headings(text: string): ScannedHeading[] {
  return events(text.split('\n')).flatMap((e) => (e.kind === 'heading' ? [e.heading] : []));
}

/** "level:text" of each heading, the compact form most cases compare. */
function h(text: string): string[] {
  return headings(text).map((x) => `${x.level}:${x.text}`);
}

function key(e: ScanEvent): string {
  return e.kind === 'checkpoint' ? `checkpoint ${e.line} ${e.state}` : `heading ${JSON.stringify(e.heading)}`;
}

describe('headingScanner', () => {
  describe('ATX headings', () => {
    it('needs # in column 0 followed by a space', () => {
      assert.deepStrictEqual(h('# One\n\n## Two\n\n###### Six'), ['1:One', '2:Two', '6:Six']);
      assert.deepStrictEqual(h('##Two\n\n####### seven'), []);
      assert.deepStrictEqual(h(' ## one space\n\n   ## three spaces'), []);
    });

    it('ignores empty headings and strips closing #s and {#id}', () => {
      assert.deepStrictEqual(h('## \n\n##   \n\n## ##'), []);
      assert.deepStrictEqual(h('## Closed ##\n\n## Escaped \\#\n\n### Named {#custom-id}'), ['2:Closed', '2:Escaped \\#', '3:Named']);
    });

    it('reports the position of the text', () => {
      const [x] = headings('intro\n\n###   Spaced title');
      assert.deepStrictEqual(x, { level: 3, line: 2, endLine: 2, column: 6, text: 'Spaced title', setext: false });
    });

    it('ends a paragraph without a blank line', () => {
      assert.deepStrictEqual(h('text\n## Heading\nmore'), ['2:Heading']);
    });

    it('knows mmark special headings', () => {
      assert.deepStrictEqual(h('.# Abstract'), ['1:Abstract']);
    });
  });

  describe('setext headings', () => {
    it('turns the single previous line into the heading', () => {
      const hs = headings('first line\nTitle\n=====\n\nSub\n---\n\nLone\n-\n');
      assert.deepStrictEqual(
        hs.map((x) => [x.level, x.text, x.line, x.endLine, x.setext]),
        [
          [1, 'Title', 1, 2, true],
          [2, 'Sub', 4, 5, true],
          [2, 'Lone', 7, 8, true],
        ],
      );
    });

    it('needs a line break after the underline, as gomarkdown does', () => {
      assert.deepStrictEqual(h('Title\n==='), []);
    });

    it('needs paragraph text above the underline', () => {
      assert.deepStrictEqual(h('\n===\n\n---'), []);
    });
  });

  describe('HTML comments', () => {
    it('hide headings when they are blocks', () => {
      assert.deepStrictEqual(h('<!--\n## hidden\n-->\n\n## shown'), ['2:shown']);
    });

    it('do not hide headings when opened right after a paragraph line', () => {
      assert.deepStrictEqual(h('Some text.\n<!--\n## leaked\n-->\n'), ['2:leaked']);
    });

    it('do not hide headings when text follows the closing -->', () => {
      assert.deepStrictEqual(h('<!--\n## leaked\n--> trailing\n'), ['2:leaked']);
    });

    it('do not hide headings when <!-- is indented', () => {
      assert.deepStrictEqual(h(' <!--\n## leaked\n-->\n'), ['2:leaked']);
    });

    it('do not hide headings when never closed', () => {
      assert.deepStrictEqual(h('<!--\n\n## leaked\n'), ['2:leaked']);
    });
  });

  describe('fenced and indented code', () => {
    it('hides headings in closed fences', () => {
      assert.deepStrictEqual(h('```\n## no\n```\n\n~~~ yaml\n# no\n~~~\n\n   ```\n## no\n```\n\n## yes'), ['2:yes']);
    });

    it('treats an unclosed fence as text', () => {
      assert.deepStrictEqual(h('```\n## yes'), ['2:yes']);
    });

    it('closes only on the identical marker', () => {
      assert.deepStrictEqual(h('````\n## no\n```\n## still no\n````\n## yes'), ['2:yes']);
      assert.deepStrictEqual(h('```\n## no\n````\n## no either\n```\n## yes'), ['2:yes']);
    });

    it('does not open on an info string with spaces (gomarkdown quirk)', () => {
      assert.deepStrictEqual(h('``` go title\n## yes\n```'), ['2:yes']);
    });

    it('hides headings in indented code', () => {
      assert.deepStrictEqual(h('    ## no\n\n\t## no'), []);
      assert.deepStrictEqual(h('    ```\n## yes\n    ```'), ['2:yes']);
    });
  });

  describe('HTML blocks', () => {
    it('hide headings until </tag> on a line followed by a blank line', () => {
      assert.deepStrictEqual(h('<div>\n\n## hidden\n\n</div>\n\n## shown'), ['2:shown']);
      assert.deepStrictEqual(h('<table>\n## hidden\n</table>\n'), []);
    });

    it('are not blocks without a proper close', () => {
      assert.deepStrictEqual(h('<div>\n\n## shown\n</div>\nafter'), ['2:shown']);
    });

    it('only count for gomarkdown block tags', () => {
      assert.deepStrictEqual(h('<span>\n\n## shown\n\n</span>\n'), ['2:shown']);
    });

    it('count for <details>, <li>, <dd>, <dt> and <dialog>, which are block tags for mdtoc', () => {
      assert.deepStrictEqual(h('<details>\n\n## hidden\n\n</details>\n\n## shown'), ['2:shown']);
      for (const tag of ['li', 'dd', 'dt', 'dialog']) assert.deepStrictEqual(h(`<${tag}>\n## hidden\n</${tag}>\n`), [], tag);
    });
  });

  describe('containers', () => {
    it('counts headings in list items parsed as blocks', () => {
      const hs = headings('- intro\n  ## Nested\n- next');
      assert.deepStrictEqual(
        hs.map((x) => [x.text, x.line, x.column]),
        [['Nested', 1, 5]],
      );
    });

    it('ignores heading-looking first lines of inline list items', () => {
      assert.deepStrictEqual(h('- ## Q\n  answer'), []);
      assert.deepStrictEqual(h('- ## Q\n\n  after blank'), []);
    });

    it('switches to block mode after a blank line and an indented line', () => {
      const [x] = headings('- ## Q\n\n    answer');
      assert.strictEqual(x?.text, 'Q');
      assert.strictEqual(x?.column, 5);
    });

    it('ends the list at an unindented heading after a blank line', () => {
      assert.deepStrictEqual(h('- a\n\n## After'), ['2:After']);
    });

    it('ends a list at a fence line in column 0, even right after an item', () => {
      // mdtoc reads the fence as code, not as the item's text: '#' lines in it are not headings
      assert.deepStrictEqual(h('- item\n```yaml\n# not a heading\n\n```\n## After'), ['2:After']);
      assert.deepStrictEqual(h('- item\n```yaml\n# not a heading\n- b\n```\n'), []);
      assert.deepStrictEqual(h('1. item\n~~~~\n# not a heading\n~~~~\n'), []);
      // an unclosed fence still ends the list, and is then a paragraph that a heading ends
      assert.deepStrictEqual(h('- item\n```\n# a heading\n'), ['1:a heading']);
      // an indented fence stays in the item
      assert.deepStrictEqual(h('- item\n  ```\n# c\n  ```\n'), []);
    });

    it('ends a list at an item of another kind, which starts a list of its own', () => {
      // the '## a' line made the first item a block; the ordered item is not, so '## b' is text
      assert.deepStrictEqual(h('+ \n## a\n1. ## b\n'), ['2:a']);
    });

    it('takes 1) as an ordered list marker as well as 1.', () => {
      assert.deepStrictEqual(h('1) item\n\n    ## in item\n'), ['2:in item']);
      assert.deepStrictEqual(h(' 3) Alpha\n  ##### beta\n'), ['5:beta']);
    });

    it('ends a paragraph at a block quote or a table with no blank line', () => {
      assert.deepStrictEqual(h('para\n> ## quoted\n'), ['2:quoted']);
      // as a table, the '===' line is not the underline of '| c | d |'
      assert.deepStrictEqual(h('para\n| a | b |\n| --- | --- |\n| c | d |\n===\n'), []);
    });

    it('has no mmark asides: mdtoc does not turn them on', () => {
      assert.deepStrictEqual(h('A> ## aside\n'), []);
    });

    it('counts headings in block quotes', () => {
      const [x] = headings('> ## Quoted\n> text');
      assert.deepStrictEqual([x?.text, x?.line, x?.column], ['Quoted', 0, 5]);
    });
  });

  describe('mmark title blocks', () => {
    it('skips a --- block to the next ---', () => {
      assert.deepStrictEqual(h('---\ntitle: x\n---\n\n## After'), ['2:After']);
      assert.deepStrictEqual(h('text\n\n---\n\n## swallowed\n\n| a |\n|---|\n\n## After'), ['2:After']);
    });

    it('is a plain rule when no second --- follows', () => {
      assert.deepStrictEqual(h('---\n\n## After'), ['2:After']);
    });
  });

  describe('TOC reset', () => {
    const doc = ['# Title', '<!-- toc -->', '- [A](#a)', '<!-- /toc -->', '', '## A'];

    it('reports headings on both sides of the tag', () => {
      assert.deepStrictEqual(h(doc.join('\n')), ['1:Title', '2:A']);
    });

    it('restarts parsing at the tag as mdtoc does', () => {
      // without the tag the fence hides the heading; mdtoc parses from the tag, where the fence is gone
      assert.deepStrictEqual(h('```\n## hidden\n```'), []);
      assert.deepStrictEqual(h('```\n<!-- /TOC -->\n## A\n```'), ['2:A']);
    });

    it('records the tag in the state', () => {
      const cps = events(doc).filter((e) => e.kind === 'checkpoint');
      const after = cps.filter((e) => e.kind === 'checkpoint' && e.line > 3);
      assert.ok(after.length > 0);
      for (const e of after) assert.strictEqual(e.kind === 'checkpoint' && e.state[0], '1');
      for (const e of cps) if (e.kind === 'checkpoint' && e.line < 3) assert.strictEqual(e.state[0], '0');
    });

    it('uses only the first closing tag', () => {
      assert.deepStrictEqual(h('<!-- /toc -->\n```\n<!-- /toc -->\n## hidden\n```'), []);
    });
  });

  describe('checkpoints', () => {
    it('starts with line 0 and marks new blocks after blank lines', () => {
      const lines = ['# T', '', 'para', 'graph', '', '## H', '', 'x'];
      const cps = events(lines).flatMap((e) => (e.kind === 'checkpoint' ? [e.line] : []));
      assert.strictEqual(cps[0], 0);
      assert.ok(cps.includes(1) && cps.includes(6), `checkpoints ${cps}`);
      // between a paragraph line and a possible setext underline there is none
      assert.ok(!cps.includes(3));
    });

    it('records being inside long fences and comments', () => {
      const body = Array.from({ length: 50 }, (_, i) => `line ${i}`);
      const lines = ['', '```yaml', ...body, '```', '', '<!--', ...body, '-->', '', 'end'];
      const cps = events(lines).filter((e): e is Extract<ScanEvent, { kind: 'checkpoint' }> => e.kind === 'checkpoint');
      assert.ok(
        cps.some((e) => e.line === 30 && e.state === '0F```'),
        'inside the fence',
      );
      assert.ok(
        cps.some((e) => e.line === 80 && e.state === '0C'),
        'inside the comment',
      );
      assert.ok(isConditionalState('0F```') && !isConditionalState('0') && !isConditionalState(INITIAL_SCAN_STATE));
    });

    it('resuming inside a construct that lost its closer reports RESUME_FAILED', () => {
      const lines = ['', '```', 'a', 'b', 'c'];
      const out = events(lines, 2, '0F```');
      assert.deepStrictEqual(out.map(key), [`checkpoint 2 ${RESUME_FAILED}`]);
      const comment = events(['', '<!--', 'a', '--> text'], 2, '0C');
      assert.deepStrictEqual(comment.map(key), [`checkpoint 2 ${RESUME_FAILED}`]);
    });

    it('stops when visit returns false', () => {
      let n = 0;
      scanHeadings(['# a', '', '# b', '', '# c'], 0, INITIAL_SCAN_STATE, () => {
        n++;
        return n < 2;
      });
      assert.strictEqual(n, 2);
    });

    itWithSample('honours the contract on every sample README', function () {
      const files = sampleReadmes();
      assert.ok(files.length > 0, `no sample READMEs under ${SAMPLE}`);
      let checked = 0;
      let independent = 0;
      for (const file of files) {
        const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
        const full = events(lines);
        const keys = full.map(key);
        const cps: number[] = [];
        full.forEach((e, i) => {
          if (e.kind === 'checkpoint') cps.push(i);
        });
        // an even spread of checkpoints, always including the first and the last
        const picks = new Set<number>();
        const want = 8;
        for (let k = 0; k < want; k++) picks.add(cps[Math.floor((k * (cps.length - 1)) / (want - 1))]!);
        for (const i of picks) {
          const e = full[i]!;
          if (e.kind !== 'checkpoint') continue;
          // (b) resuming reproduces the rest of the scan
          const resumed = events(lines, e.line, e.state).map(key);
          assert.deepStrictEqual(resumed, keys.slice(i), `${file}: resume at ${e.line} (${e.state})`);
          checked++;
          // (a) what comes before does not depend on what follows
          if (!isConditionalState(e.state)) {
            const changed = lines.slice(0, e.line).concat(['```', '## injected', '===', '- x', '<!--']);
            const before = events(changed).map(key);
            assert.deepStrictEqual(before.slice(0, i), keys.slice(0, i), `${file}: prefix before ${e.line}`);
            independent++;
          }
        }
      }
      assert.ok(checked > files.length && independent > files.length);
    });
  });

  describe('lines', () => {
    it('takes lines without terminators, whatever the document used', () => {
      const doc = '# A\n\nText\n===\n\n```\n## no\n```\n';
      const lf = events(doc.split('\n')).map(key);
      assert.deepStrictEqual(events(doc.replace(/\n/g, '\r\n').split(/\r\n|\r|\n/)).map(key), lf);
      assert.deepStrictEqual(events(doc.replace(/\n/g, '\r').split(/\r\n|\r|\n/)).map(key), lf);
      assert.deepStrictEqual(h(doc), ['1:A', '1:Text']);
    });
  });

  describe('robustness', () => {
    it('never throws on hostile input', () => {
      let junk = '';
      let seed = 42;
      for (let i = 0; i < 20000; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        junk += String.fromCharCode(seed % 0x3000);
      }
      const inputs = [
        junk,
        '```\n'.repeat(3000),
        '<!--\n'.repeat(3000),
        '<div>\n'.repeat(3000),
        '- '.repeat(5000) + 'x',
        '> '.repeat(5000) + '## deep',
        'x'.repeat(200000),
        '$$\n'.repeat(1000),
        '[a]: <\n'.repeat(1000),
        '| a |\n|---|\n'.repeat(1000),
      ];
      for (const text of inputs) {
        const lines = text.split('\n');
        events(lines);
        for (const state of ['0', '1', '0F```', '1C', '0Hdiv', 'garbage', '']) events(lines, 1, state);
      }
    });
  });

  describe('reference definitions', () => {
    it('collects the definitions after the TOC tag, case-insensitively, last one winning', () => {
      const refs = collectReferenceDefinitions([
        '[before]: /ignored',
        '<!-- /toc -->',
        '',
        '[Spec]: https://example.com/a "Title"',
        '[spec]: https://example.com/b',
        '',
        '```',
        '[code]: /not-a-definition',
        '```',
      ]);
      assert.deepStrictEqual([...refs.keys()], ['spec']);
      assert.deepStrictEqual(refs.get('spec'), { link: 'https://example.com/b', title: '' });
    });
  });
});
