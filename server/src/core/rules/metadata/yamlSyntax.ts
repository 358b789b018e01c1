// YAML that cannot be read. Upstream CI decodes kep.yaml and PRR files with a YAML parser and
// fails the whole check on the first syntax error, so these are errors. A value that starts with
// `@` (a handle written without quotes) is the most common one; it gets a fix that quotes it.
// A second document (after a `---` line) is only a warning: upstream decodes the first one.
import type { YamlDocument } from '../../kep/yamlDocument';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import { quoted } from './util';

/** A broken file can have thousands of errors; the first ones are the ones to fix. */
export const MAX_SYNTAX_FINDINGS = 50;

function findings(doc: YamlDocument, what: string): RuleFinding[] {
  return doc.syntax.slice(0, MAX_SYNTAX_FINDINGS).map((p): RuleFinding => {
    const finding: RuleFinding = {
      range: p.range,
      message:
        p.severity === 'error'
          ? `YAML syntax error: ${p.message}. Upstream CI cannot read ${what} and fails; fix the YAML here.`
          : `YAML warning: ${p.message}.`,
    };
    if (p.severity === 'warning') finding.severity = 'warning';
    if (p.code === 'MULTIPLE_DOCS') {
      // Upstream decodes the first document and ignores the rest: not a CI failure.
      finding.severity = 'warning';
      finding.message = `This file holds more than one YAML document (a '---' line): upstream reads only the first one and ignores the rest. Remove the separator and merge or delete what follows.`;
    }
    if (p.code === 'BAD_SCALAR_START' && doc.text[p.start] === '@') {
      const rest = doc.text.slice(p.start, p.start + 300);
      const raw = rest.slice(0, rest.search(/[\r\n]|$/));
      const value = raw.replace(/\s+#.*$/, '').trimEnd();
      if (/^@[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value)) {
        finding.message = `A value cannot start with '@' unless it is quoted: write ${quoted(value)}. Upstream CI cannot read ${what} as it is.`;
        finding.fix = { title: `Quote ${value}`, changes: [{ range: doc.rangeAt(p.start, p.start + value.length), newText: quoted(value) }] };
      }
    }
    return finding;
  });
}

export const yamlSyntax: MetadataRule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'The file is not valid YAML, so upstream CI cannot read it.',
  checkKepYaml: (ctx) => findings(ctx.document, 'kep.yaml'),
  checkPrrApproval: (ctx) => findings(ctx.document, 'the approval file'),
};
