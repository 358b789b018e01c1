import assert from 'node:assert/strict';
import { allowedValues, fieldInfo, knownKeys, rawSchema, requiredKeys, schemaAt, STAGE_VALUES, STATUS_VALUES } from '../../../server/src/core/kep/kepSchema';
import { KNOWN_COMPONENTS } from '../../../server/src/core/kep/workspaceFacts';

describe('kep schema', () => {
  it('is JSON Schema draft-07 and lists the upstream fields', () => {
    assert.equal(rawSchema('kep').$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(requiredKeys('kep'), ['title', 'kep-number', 'authors', 'owning-sig', 'approvers', 'status']);
    assert.ok(knownKeys('kep').includes('disable-supported'));
    assert.deepEqual(knownKeys('kep', ['milestone']), ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed']);
    assert.deepEqual(knownKeys('kep', ['feature-gates', 0]), ['name', 'components']);
    assert.deepEqual(knownKeys('prr'), ['kep-number', 'alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed']);
    assert.deepEqual(requiredKeys('prr', ['beta']), ['approver']);
  });

  it('describes every field, also through $ref', () => {
    for (const key of knownKeys('kep')) assert.ok(fieldInfo('kep', [key])?.description, key);
    for (const key of knownKeys('prr')) assert.ok(fieldInfo('prr', [key])?.description, key);
    const authors = fieldInfo('kep', ['authors']);
    assert.equal(authors?.shape, 'array');
    assert.equal(authors?.required, true);
    assert.match(fieldInfo('kep', ['authors', 0])?.description ?? '', /@/);
    assert.equal(fieldInfo('kep', ['milestone', 'beta'])?.format, 'kep-milestone');
    assert.equal(fieldInfo('kep', ['feature-gates', '*', 'name'])?.path, 'feature-gates[].name');
    assert.equal(fieldInfo('kep', ['nope']), undefined);
  });

  it('gives the documented values of status and stage with descriptions', () => {
    assert.deepEqual(STATUS_VALUES, ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced']);
    assert.deepEqual(STAGE_VALUES, ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed']);
    const stages = allowedValues('kep', ['stage']);
    assert.equal(stages?.length, 6);
    assert.ok(stages?.every((v) => v.description));
    assert.deepEqual(
      allowedValues('kep', ['disable-supported'])?.map((v) => v.value),
      ['true', 'false'],
    );
  });

  it("offers the bundled components as the components' examples", () => {
    assert.deepEqual(schemaAt('kep', ['feature-gates', 0, 'components', 0])?.examples, [...KNOWN_COMPONENTS]);
  });
});
