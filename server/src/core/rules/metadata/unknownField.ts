// Fields upstream does not know. Upstream CI decodes kep.yaml and PRR files strictly (yaml.v3
// KnownFields), so a misspelt or invented key fails the check — also inside `milestone`,
// `feature-gates` entries and PRR stage blocks.
import { knownKeys, type SchemaName } from '../../kep/kepSchema';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';
import type { ShapeProblem } from '../../kep/schemaShape';
import { closest } from './util';

function parentPath(path: string): (string | number)[] {
  const steps = path.split('.').slice(0, -1);
  const out: (string | number)[] = [];
  for (const step of steps) {
    if (step.endsWith('[]')) out.push(step.slice(0, -2), 0);
    else out.push(step);
  }
  return out;
}

function findings(problems: ShapeProblem[], schema: SchemaName, what: string): RuleFinding[] {
  return problems
    .filter((p) => p.kind === 'unknown')
    .map((p) => {
      const parent = parentPath(p.path);
      const known = knownKeys(schema, parent);
      const suggestion = closest(p.key, known) ?? (p.key.endsWith('s') && known.includes(p.key.slice(0, -1)) ? p.key.slice(0, -1) : undefined);
      const where = parent.length ? ` in '${parent.filter((s) => typeof s === 'string').join('.')}'` : '';
      return {
        range: p.range,
        message:
          `Unknown field '${p.key}'${where}: upstream CI reads ${what} strictly and fails with "${p.upstream}". ` +
          (suggestion ? `Did you mean '${suggestion}'?` : `Remove it; the fields allowed here are: ${known.join(', ')}.`),
      };
    });
}

export const unknownField: MetadataRule = {
  id: 'unknown-field',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'A field that upstream does not know; its strict reading rejects the file.',
  checkKepYaml: (ctx) => findings(ctx.shape(), 'kep', 'kep.yaml'),
  checkPrrApproval: (ctx) => findings(ctx.shape(), 'prr', 'approval files'),
};
