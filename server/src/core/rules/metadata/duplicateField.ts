// A key written twice in the same mapping. Upstream's YAML decoder rejects the file
// ("mapping key already defined"), and which value counts would be a guess anyway.
import type { YamlDocument } from '../../kep/yamlDocument';
import type { RuleFinding } from '../rule';
import type { MetadataRule } from './metadataRule';

function findings(doc: YamlDocument): RuleFinding[] {
  return doc.duplicates.map((d) => {
    const key = d.key ?? '';
    const firstLine = d.relatedRange ? d.relatedRange.start.line + 1 : undefined;
    return {
      range: d.range,
      message: `'${key}' is already set${firstLine ? ` on line ${firstLine}` : ''}: upstream CI fails with "mapping key "${key}" already defined". Keep one of them.`,
    };
  });
}

export const duplicateField: MetadataRule = {
  id: 'duplicate-field',
  defaultSeverity: 'error',
  quietWhenFinished: false,
  description: 'A field written twice in the same mapping; upstream rejects the file.',
  checkKepYaml: (ctx) => findings(ctx.document),
  checkPrrApproval: (ctx) => findings(ctx.document),
};
