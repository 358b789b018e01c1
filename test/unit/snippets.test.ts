// The snippets in snippets/: prefixes, snippet syntax, the README skeleton against the template's
// heading tree (kep-facts §1.1) and the kep.yaml skeleton against the metadata rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_TEMPLATE_HEADINGS } from '../../server/src/core/kep/bundledTemplate';
import { analyzeKepYaml } from '../../server/src/core/features/metadataAnalysis';
import { KEP_YAML, workspace } from './metadata/support';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = path.resolve(__dirname, '../../..');
function load(name: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(ROOT, 'snippets', name), 'utf8')) as Record<string, Snippet>;
}
const markdown = load('kep-markdown.json');
const yaml = load('kep-yaml.json');
const all = { ...markdown, ...yaml };

function bySnippetPrefix(snippets: Record<string, Snippet>, prefix: string): string {
  const found = Object.values(snippets).find((s) => s.prefix === prefix);
  assert.ok(found, `no snippet ${prefix}`);
  return found.body.join('\n');
}

/** Throws unless `body` is well-formed snippet syntax: escapes, `$n`, `${n:…}`, `${n|a,b|}`, `$VAR`. */
function checkSyntax(body: string): void {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '$') {
      const rest = body.slice(i + 1);
      const open = /^\{(\d+|[A-Z_]+)(:|\||\})/.exec(rest);
      if (open) {
        if (open[2] === '}') i += open[0].length;
        else if (open[2] === '|') {
          const choice = /^\{\d+\|[^|]*\|\}/.exec(rest);
          assert.ok(choice, `bad choice at ${i}: ${rest.slice(0, 30)}`);
          i += choice[0].length;
        } else {
          depth++;
          i += open[0].length;
        }
        continue;
      }
      assert.ok(/^(\d+|[A-Z_]+)/.test(rest), `stray $ at ${i}: ${rest.slice(0, 30)}`);
      continue;
    }
    if (ch === '}' && depth > 0) depth--;
  }
  assert.equal(depth, 0, 'unbalanced ${ … }');
}

/** The text a snippet inserts when every placeholder keeps its default (choices take their first option). */
function expand(body: string, variables: Record<string, string> = {}): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      out += body[++i];
      continue;
    }
    if (ch === '$') {
      const rest = body.slice(i + 1);
      const choice = /^\{\d+\|([^,|]*)[^|]*\|\}/.exec(rest);
      const open = /^\{\d+:/.exec(rest);
      const plain = /^(\d+|[A-Z_]+)/.exec(rest);
      if (choice) {
        out += choice[1];
        i += choice[0].length;
      } else if (open) {
        i += open[0].length; // the default text follows; its closing } is dropped below
      } else if (plain) {
        out += variables[plain[1]] ?? '';
        i += plain[0].length;
      }
      continue;
    }
    if (ch === '}') continue;
    out += ch;
  }
  return out;
}

function headings(markdownText: string): [number, string][] {
  const out: [number, string][] = [];
  let inComment = false;
  for (const line of markdownText.split('\n')) {
    if (line.includes('<!--')) inComment = !line.includes('-->');
    else if (inComment && line.includes('-->')) inComment = false;
    const m = !inComment && /^(#{1,6}) (.+)$/.exec(line);
    if (m) out.push([m[1].length, m[2]]);
  }
  return out;
}

describe('snippets', () => {
  it('every prefix starts with kep- and is unique, and every snippet has a description', () => {
    const prefixes = Object.values(all).map((s) => s.prefix);
    for (const p of prefixes) assert.match(p, /^kep-[a-z0-9-]+$/);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const s of Object.values(all)) assert.ok(s.description.length > 10, s.prefix);
  });

  it('every body is valid snippet syntax', () => {
    for (const s of Object.values(all)) {
      assert.ok(Array.isArray(s.body) && s.body.length > 0, s.prefix);
      assert.doesNotThrow(() => checkSyntax(s.body.join('\n')), s.prefix);
    }
  });

  it('the README skeleton has the template headings of kep-facts §1.1, in order, and a toc block', () => {
    const text = expand(bySnippetPrefix(markdown, 'kep-skeleton'));
    assert.deepEqual(
      headings(text),
      BUNDLED_TEMPLATE_HEADINGS.map(([l, t]) => [l, t]),
    );
    assert.ok(text.includes('<!-- toc -->\n<!-- /toc -->'));
    assert.ok(text.indexOf('<!-- toc -->') > text.indexOf('# KEP-'));
  });

  it('each section snippet is the matching slice of the template tree', () => {
    const tree = BUNDLED_TEMPLATE_HEADINGS.map(([l, t]) => [l, t] as [number, string]);
    for (const s of Object.values(markdown)) {
      if (!/^kep-(section|prr)-/.test(s.prefix)) continue;
      const hs = headings(expand(s.body.join('\n')));
      const start = tree.findIndex(([l, t]) => l === hs[0][0] && t === hs[0][1]);
      assert.ok(start > 0, s.prefix);
      assert.deepEqual(hs, tree.slice(start, start + hs.length), s.prefix);
      const next = tree[start + hs.length];
      assert.ok(!next || next[0] <= hs[0][0], `${s.prefix} stops before the end of its section`);
    }
  });

  it('the PRR snippets together hold all 25 questions', () => {
    const questions = Object.values(markdown)
      .filter((s) => s.prefix.startsWith('kep-prr-') && s.prefix !== 'kep-prr-questionnaire')
      .flatMap((s) => headings(expand(s.body.join('\n'))).filter(([l]) => l === 6));
    assert.deepEqual(
      questions,
      BUNDLED_TEMPLATE_HEADINGS.filter(([l]) => l === 6).map(([l, t]) => [l, t]),
    );
  });

  it('the UNRESOLVED snippet opens and closes a block', () => {
    const body = bySnippetPrefix(markdown, 'kep-unresolved');
    assert.ok(body.startsWith('<<[UNRESOLVED ${1:topic} ]>>'));
    assert.ok(body.includes('<<[/UNRESOLVED]>>'));
  });

  it('the kep.yaml skeleton, with its defaults, has no error findings', () => {
    const text = expand(bySnippetPrefix(yaml, 'kep-yaml'), { CURRENT_YEAR: '2026', CURRENT_MONTH: '01', CURRENT_DATE: '31' });
    assert.match(text, /^status: provisional$/m);
    assert.match(text, /^creation-date: 2026-01-31$/m);
    // Rules that placeholder values are allowed to trip. None does today: the defaults (kep-number 1234,
    // sig-node, reviewers/approvers TBD, v1.35) are all acceptable for a provisional KEP.
    const allowed = new Set<string>([]);
    const findings = analyzeKepYaml(KEP_YAML, text, workspace({ kepYaml: text }), { rules: {} });
    const errors = findings.filter((f) => f.severity === 'error' && !allowed.has(f.rule));
    assert.deepEqual(
      errors.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('the feature-gate entry and the PRR approval file are well-formed YAML snippets', () => {
    const gate = expand(bySnippetPrefix(yaml, 'kep-feature-gate'));
    assert.match(gate, /^- name: MyFeature\n {2}components:\n {4}- kube-apiserver/);
    const prr = expand(bySnippetPrefix(yaml, 'kep-prr-approval'));
    assert.match(prr, /^kep-number: 1234\nalpha:\n {2}approver: "@prr-approver"/);
  });
});
