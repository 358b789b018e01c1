// Document text in hovers and completion documentation never becomes Markdown syntax. For every
// hover and completion kind, a hostile string is put where that feature reads document text, and
// the Markdown the feature builds is parsed back: no link, image, HTML or definition may come from
// the document, and every code span that quotes the document quotes all of it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Nodes, Parent, Root } from 'mdast';
import { remark } from 'remark';
import { toString } from 'mdast-util-to-string';
import { KepAnalyzer } from '../../server/src/core/features/analysis';
import { completeReadmeBullet } from '../../server/src/core/features/readmeCompletion';
import { hoverReadme } from '../../server/src/core/features/readmeHover';
import { completeMetadata, unquote } from '../../server/src/core/features/yamlCompletion';
import { hoverMetadata } from '../../server/src/core/features/yamlHover';
import { MarkdownIndex } from '../../server/src/core/markdown/markdownIndex';
import { tocEntries } from '../../server/src/core/markdown/toc';
import { InMemoryWorkspace } from '../../server/src/core/workspace/files';
import { markdownCode, markdownText, printableLine } from '../../server/src/core/text/markdownEscape';
import { markdownToPlainText } from '../../server/src/core/text/markdownPlainText';
import { GOOD_KEP, KEP_YAML, PROVISIONAL_YAML, README, ROOT, TEMPLATE, TEMPLATE_TEXT } from './support/kepFixture';

const REPRODUCE = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : { seed: 20260513 };
const RUNS = 25;

/** Marks where the document's text starts and ends, so a code span cut short is recognised. */
const OPEN = 'zq';
const CLOSE = 'qz';

const PIECES = [
  '`',
  '``',
  '```',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '](command:x)',
  '[x](command:kep.restartServer)',
  '<img src=x onerror=alert(1)>',
  '<b>',
  '%0A',
  '%0A%0A',
  '%29',
  '&amp;',
  '&#96;',
  '&lt;script&gt;',
  '\x1b[2J',
  '\x1b]0;PWNED\x07',
  '\x00',
  '\x7f',
  '\x85',
  '\u2028',
  '\u2029',
  '\u202e',
  '*',
  '_',
  '# ',
  '- ',
  '1. ',
  '> ',
  '|',
  '\\',
  '<!--',
  'https://evil.example/x',
  'www.evil.example',
  'a@evil.example',
  '[y]: https://evil.example',
  '![i](x)',
  '$x$',
  ' ',
  '  ',
  '\t',
];

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(`${'x'.repeat(20_000)}[x](command:y)`) },
  { weight: 8, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...PIECES).map((p) => p.repeat(400)) },
);

/** What one feature answered for one placement of the hostile text. */
interface Answer {
  markdown: string | undefined;
  /** The document text as the feature reads it, when it is known exactly. */
  quoted?: string;
  /** The document's URI, when the answer may link to lines of it. */
  uri?: string;
}

interface Placement {
  name: string;
  /** Whether the answer must show document text (else it must show none). */
  showsText: boolean;
  answer(text: string): Answer;
}

// ---------------------------------------------------------------------------------------------
// Checks.

const parser = remark();

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const c of (node as Parent).children) walk(c as Nodes, visit);
}

/** Line links are ours: `line N` to the document's own URI. */
const LINE_LINK_TEXT = /^[Ll]ine \d+$/;
const FORBIDDEN = new Set(['html', 'image', 'imageReference', 'linkReference', 'definition', 'heading', 'footnoteReference', 'footnoteDefinition']);

function checkMarkdown(markdown: string, documentUri: string | undefined): Root {
  const tree = parser.parse(markdown);
  walk(tree, (n) => {
    assert.ok(!FORBIDDEN.has(n.type), `a ${n.type} node in\n${markdown}`);
    if (n.type === 'link') {
      assert.ok(documentUri !== undefined, `a link in\n${markdown}`);
      assert.match(toString(n), LINE_LINK_TEXT, markdown);
      assert.ok(/#L\d+$/.test(n.url), n.url);
      assert.equal(percentDecoded(n.url.replace(/#L\d+$/, '')), percentDecoded(documentUri), markdown);
    }
    if (n.type === 'inlineCode' && n.value.includes(OPEN)) {
      assert.ok(n.value.includes(CLOSE) || n.value.endsWith('…'), `a code span cut short: ${JSON.stringify(n.value)}\n${markdown}`);
    }
    if ((n.type === 'text' || n.type === 'inlineCode') && /[^\P{Cc}\n]|[\u2028\u2029\u202e]/u.test(n.value)) {
      assert.fail(`a raw control character in ${JSON.stringify(n.value)}`);
    }
  });
  return tree;
}

/** Percent-escapes decoded, however they were spelled, so two spellings of one URI compare equal. */
function percentDecoded(uri: string): string {
  return uri.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** The text a reader sees for the document text: on one line, shown in full or cut with an ellipsis. */
function shows(tree: Root, quoted: string, markdown: string): void {
  const expected = printableLine(quoted);
  let found = false;
  walk(tree, (n) => {
    if (found) return;
    const seen = n.type === 'inlineCode' ? n.value : n.type === 'paragraph' || n.type === 'strong' ? toString(n) : undefined;
    if (seen === undefined) return;
    if (seen.includes(expected)) found = true;
    const cut = /…/.exec(seen);
    if (cut && n.type === 'inlineCode' && seen.endsWith('…') && expected.startsWith(seen.slice(0, -1).trimStart())) found = true;
  });
  assert.ok(found, `${JSON.stringify(expected.slice(0, 200))} is not shown in\n${markdown.slice(0, 2000)}`);
}

function check(placement: Placement, raw: string): void {
  const { markdown, quoted, uri } = placement.answer(raw);
  assert.ok(markdown !== undefined, `${placement.name}: no answer`);
  const tree = checkMarkdown(markdown, uri);
  assert.equal(markdown.includes(OPEN), placement.showsText, `${placement.name}: document text ${placement.showsText ? 'missing' : 'shown'}`);
  if (quoted !== undefined) shows(tree, quoted, markdown);
  // The plain text for clients without Markdown carries no raw control character either.
  assert.doesNotMatch(markdownToPlainText(markdown), /[^\P{Cc}\n]|[\u2028\u2029]/u);
}

// ---------------------------------------------------------------------------------------------
// Where each feature reads document text.

/** A YAML double-quoted scalar holding exactly `text`. */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text on one line of a README: a Markdown line cannot hold a line break. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

const marked = (text: string): string => `${OPEN}${text}${CLOSE}`;

function readmeHoverAt(
  readme: string,
  line: number,
  character: number,
  options: { kepYaml?: string; template?: string; uri?: string } = {},
): string | undefined {
  const ws = new InMemoryWorkspace();
  ws.set(README, readme);
  ws.set(KEP_YAML, options.kepYaml ?? PROVISIONAL_YAML);
  ws.set(TEMPLATE, options.template ?? TEMPLATE_TEXT);
  const ctx = new KepAnalyzer(ws).context(README, MarkdownIndex.fromText(readme));
  return hoverReadme(ctx, line, character, options.uri)?.markdown;
}

function lineOf(text: string, needle: string): number {
  const i = text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i;
}

const KEP_DIR = `${ROOT}/keps/sig-test/1234-demo`;
const PRR = `${ROOT}/keps/prod-readiness/sig-test/1234.yaml`;

function metadataHover(path: string, text: string, needle: string, files: Record<string, string> = {}, offset = 0): string | undefined {
  const ws = new InMemoryWorkspace();
  for (const [p, t] of Object.entries(files)) ws.set(p, t);
  ws.set(path, text);
  const line = lineOf(text, needle);
  const character = text.split(/\r\n|\r|\n/)[line].indexOf(needle) + offset;
  return hoverMetadata({ path, text, line, character, files: ws })?.markdown;
}

function documentation(entries: { documentation?: string }[]): string {
  return entries.map((e) => e.documentation ?? '').join('\n\n');
}

const PLACEMENTS: Placement[] = [
  {
    name: 'README hover on a TOC entry whose anchor no heading has',
    showsText: true,
    answer(text) {
      const anchor = marked(text);
      const encoded = encodeURIComponent(anchor).replace(/[()!'*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const readme = GOOD_KEP.replace('- [Summary](#summary)', () => `- [Summary](#${encoded})`);
      return { markdown: readmeHoverAt(readme, lineOf(readme, encoded), 4), quoted: `#${anchor}` };
    },
  },
  {
    name: 'README hover on a TOC entry that points to a heading',
    showsText: true,
    answer(text) {
      const title = oneLine(marked(text));
      const base = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', () => `## Drawbacks\n\nNone.\n\n## ${title}\n\nMore.\n`);
      const entry = tocEntries(MarkdownIndex.fromText(base)).find((e) => e.heading.text.includes(OPEN));
      if (!entry) return { markdown: 'zq no TOC entry qz' };
      const readme = base.replace('- [Drawbacks](#drawbacks)', () => `- [Drawbacks](#drawbacks)\n- [x](#${entry.anchor})`);
      const uri = 'file:///ws/README.md';
      return { markdown: readmeHoverAt(readme, lineOf(readme, `](#${entry.anchor})`), 4, { uri }), quoted: entry.heading.text, uri };
    },
  },
  {
    name: "README hover on a heading: the workspace template's guidance",
    showsText: true,
    answer(text) {
      const guidance = oneLine(marked(text)).replace(/--+>/g, '--');
      const template = TEMPLATE_TEXT.replace('Write a one-paragraph summary of the proposal.', () => guidance);
      return { markdown: readmeHoverAt(GOOD_KEP, lineOf(GOOD_KEP, '## Summary'), 4, { template }), quoted: guidance.trim() };
    },
  },
  {
    name: "README hover on a heading: the template's heading",
    showsText: true,
    answer(text) {
      const title = oneLine(marked(text)).trim().replace(/#+$/, '');
      const template = TEMPLATE_TEXT.replace('## Drawbacks', () => `## Drawbacks\n\n## ${title}`);
      const readme = GOOD_KEP.replace('## Drawbacks\n\nNone.\n', () => `## Drawbacks\n\nNone.\n\n## ${title}\n\nMore.\n`);
      return { markdown: readmeHoverAt(readme, lineOf(readme, `## ${title}`), 1, { template }) };
    },
  },
  {
    name: "README hover on an UNRESOLVED marker: kep.yaml's status",
    showsText: true,
    answer(text) {
      const readme = GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>');
      const kepYaml = PROVISIONAL_YAML.replace('status: provisional', () => `status: ${yamlString(marked(text))}`);
      return { markdown: readmeHoverAt(readme, lineOf(readme, '<<[UNRESOLVED]>>'), 3, { kepYaml }), quoted: marked(text) };
    },
  },
  {
    name: 'README hover on a labelled bullet (shows no document text)',
    showsText: false,
    answer(text) {
      const readme = GOOD_KEP.replace('Details.', () => `- Feature gate name: ${oneLine(marked(text))}`);
      return { markdown: readmeHoverAt(readme, lineOf(readme, 'Feature gate name:'), 4) };
    },
  },
  ...(['status', 'stage', 'owning-sig'] as const).map(
    (key): Placement => ({
      name: `kep.yaml hover on the value of ${key}`,
      showsText: true,
      answer(text) {
        const yaml = `${PROVISIONAL_YAML.replace(/^owning-sig: .*\n/m, '').replace(/^status: .*\n/m, '')}${key}: ${yamlString(marked(text))}\n`;
        return { markdown: metadataHover(KEP_YAML, yaml, `${key}: "`, {}, key.length + 3), quoted: unquote(yamlString(marked(text))) };
      },
    }),
  ),
  {
    name: 'kep.yaml hover on a feature gate name named in the README',
    showsText: true,
    answer(text) {
      const name = oneLine(marked(text));
      const yaml = `${PROVISIONAL_YAML}feature-gates:\n  - name: ${yamlString(name)}\n    components:\n      - kubelet\n`;
      const readme = GOOD_KEP.replace('Details.', () => `- Feature gate name: ${name}`);
      return { markdown: metadataHover(KEP_YAML, yaml, '- name: "', { [`${KEP_DIR}/README.md`]: readme }, 10), quoted: unquote(yamlString(name)) };
    },
  },
  {
    name: "kep.yaml hover on a key: the KEP's latest-milestone and stage",
    showsText: true,
    answer(text) {
      const yaml = PROVISIONAL_YAML.replace('status: provisional', 'status: implementable') + `stage: alpha\nlatest-milestone: ${yamlString(marked(text))}\n`;
      return { markdown: metadataHover(KEP_YAML, yaml, 'stage: alpha', {}, 1) };
    },
  },
  {
    name: 'approval-file hover on the approver',
    showsText: true,
    answer(text) {
      const yaml = `kep-number: 1234\nalpha:\n  approver: ${yamlString(marked(text))}\n`;
      return { markdown: metadataHover(PRR, yaml, 'approver: "', {}, 11), quoted: unquote(yamlString(marked(text))) };
    },
  },
  {
    name: 'approval-file hover on the approver of a block named by the document',
    showsText: true,
    answer(text) {
      const yaml = `kep-number: 1234\n${yamlString(marked(text))}:\n  approver: "@someone"\n`;
      return { markdown: metadataHover(PRR, yaml, 'approver: "', {}, 11) };
    },
  },
  {
    name: "approval-file hover on a block: the KEP's folder name and stage",
    showsText: true,
    answer(text) {
      const folder = `1234-${marked(text).replace(/[/\\]/g, '_')}`;
      const yaml = `kep-number: 1234\nalpha:\n  approver: "@someone"\n`;
      const kepYaml = `${PROVISIONAL_YAML}stage: ${yamlString(marked(text))}\n`;
      return { markdown: metadataHover(PRR, yaml, 'alpha:', { [`${ROOT}/keps/sig-test/${folder}/kep.yaml`]: kepYaml }, 1) };
    },
  },
  {
    name: "README completion after 'Feature gate name:': kep.yaml's components",
    showsText: true,
    answer(text) {
      const yaml = `${PROVISIONAL_YAML}feature-gates:\n  - name: DemoFeature\n    components:\n      - ${yamlString(marked(text))}\n`;
      const ws = new InMemoryWorkspace();
      ws.set(KEP_YAML, yaml);
      const lines = ['- Feature gate name: '];
      const entries = completeReadmeBullet({ path: README, lines, line: 0, character: lines[0].length, files: ws });
      return { markdown: documentation(entries), quoted: marked(text) };
    },
  },
  {
    name: 'kep.yaml completion of a feature gate name from the README (shows no document text)',
    showsText: false,
    answer(text) {
      const readme = GOOD_KEP.replace('Details.', () => `- Feature gate name: DemoFeature ${oneLine(marked(text))}`);
      const yaml = `${PROVISIONAL_YAML}feature-gates:\n  - name: \n`;
      const ws = new InMemoryWorkspace();
      ws.set(`${KEP_DIR}/README.md`, readme);
      ws.set(KEP_YAML, yaml);
      const line = yaml.split('\n').indexOf('  - name: ');
      return { markdown: documentation(completeMetadata({ path: KEP_YAML, text: yaml, line, character: 10, files: ws, today: '2026-05-13' })) };
    },
  },
];

describe('document text in hovers and completion documentation', function () {
  for (const placement of PLACEMENTS) {
    it(`stays text: ${placement.name}`, () => {
      fc.assert(
        fc.property(hostile, (text) => check(placement, text)),
        { numRuns: RUNS, ...REPRODUCE },
      );
    });
  }

  it("stays text in a line link to the document's URI", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const uri = `file:///ws/${text}/README.md`;
        const readme = GOOD_KEP.replace('Details.', '<<[UNRESOLVED]>>\nDetails.\n<<[/UNRESOLVED]>>');
        const markdown = readmeHoverAt(readme, lineOf(readme, '<<[UNRESOLVED]>>'), 3, { uri });
        assert.ok(markdown);
        const tree = checkMarkdown(markdown, uri);
        let links = 0;
        walk(tree, (n) => void (n.type === 'link' && links++));
        assert.equal(links, 1, markdown);
      }),
      { numRuns: RUNS, ...REPRODUCE },
    );
  });
});

describe('markdownEscape', () => {
  const parse = (md: string) => parser.parse(md);

  it('markdownText reads back as the text, on one line and without raw controls', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const tree = parse(`a ${markdownText(text)} b`);
        assert.equal(tree.children.length, 1, 'one paragraph');
        assert.equal(toString(tree), `a ${printableLine(text)} b`);
      }),
      { numRuns: 100, ...REPRODUCE },
    );
  });

  it('markdownCode is one code span holding exactly the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const tree = parse(`a ${markdownCode(text, Infinity)} b`);
        const spans: string[] = [];
        walk(tree, (n) => void (n.type === 'inlineCode' && spans.push(n.value)));
        assert.deepEqual(spans, [printableLine(text) === '' ? ' ' : printableLine(text)]);
      }),
      { numRuns: 100, ...REPRODUCE },
    );
  });

  it('printableLine keeps ordinary text and shows controls', () => {
    assert.equal(printableLine('Summary · Zusammenfassung ✓'), 'Summary · Zusammenfassung ✓');
    assert.equal(printableLine('a\r\nb\nc\u2028d\te'), 'a b c d e');
    assert.equal(printableLine('\x1b[2J\x00'), '\u241b[2J\u2400');
    assert.equal(printableLine('\x9b\u202e'), '\ufffd\ufffd');
  });

  it('markdownCode cuts long text with an ellipsis', () => {
    assert.equal(markdownCode('x'.repeat(150)), `\`${'x'.repeat(100)}…\``);
  });

  it('markdownToPlainText shows what a renderer shows', () => {
    assert.equal(
      markdownToPlainText(`**Title** ${markdownText('a*b*[c](d)')}\n\n- one ${markdownCode('x`y')}\n- [line 3](file:///a#L3)\n\n> quoted`),
      'Title a*b*[c](d)\n\n- one x`y\n- line 3\n\n> quoted',
    );
  });
});
