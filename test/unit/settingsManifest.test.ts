import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { ALL_RULE_IDS } from '../../server/src/core/features/ruleCatalog';

describe('package.json settings', () => {
  const rules = manifest.contributes.configuration.properties['kep.rules'];

  it('lets kep.rules name exactly the rules the server knows', () => {
    assert.deepEqual([...rules.propertyNames.enum].sort(), [...ALL_RULE_IDS].sort());
  });

  it('documents every rule id in the kep.rules description', () => {
    for (const id of ALL_RULE_IDS) assert.ok(rules.markdownDescription.includes(`\`${id}\``), id);
  });
});
