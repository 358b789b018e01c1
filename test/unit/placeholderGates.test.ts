// Issue 12, class 11: a kep.yaml feature gate named "None", "N/A", "TBD", "-"… is a stand-in, not a
// gate. feature-gate-name reports it once, asking to remove the entry or write the real name; no
// other rule reports that entry, and nothing asks the author to write "None" in the README.
import assert from 'node:assert/strict';
import { isPlaceholderGateName } from '../../server/src/core/kep/kepYaml';
import { byRule, ENABLE_SCAFFOLD, kepYaml, lint, lintYaml, readme } from './support/prrFixture';
import { itWithSample } from './support/sample';
import { brief, lintSampleFile } from './support/sampleLint';

const GATE_RULES = ['feature-gate-name', 'feature-gate-components', 'gate-not-in-readme', 'gate-not-in-kep-yaml'];

/** A README whose enablement answer ticks 'Feature gate' and leaves the template's bullets empty. */
const EMPTY_BULLETS = readme({ answers: { enable: ENABLE_SCAFFOLD.replace('- [ ] Feature gate', '- [x] Feature gate') } });

describe('placeholder feature gate names in kep.yaml', () => {
  it('recognises the usual stand-ins, in any case, and no real gate name', () => {
    for (const name of ['None', 'none', 'NONE', 'NA', 'n/a', 'N/A', 'TBD', 'tbd', '-', 'n.a.', 'TODO', '`None`']) assert.ok(isPlaceholderGateName(name), name);
    for (const name of ['MyFeature', 'NodeSwap', 'NamespaceDefaultLabelName', 'TBDFeature', 'KUBECTL_KUBERC', 'NoneSuch'])
      assert.ok(!isPlaceholderGateName(name), name);
  });

  for (const name of ['None', 'NA', 'N/A', 'TBD', '"-"', 'none']) {
    it(`reports a gate named ${name} exactly once, in kep.yaml, asking to remove it or name the real gate`, () => {
      const yaml = kepYaml({ gates: [name] });
      const onEntry = lintYaml(yaml, EMPTY_BULLETS).filter((f) => GATE_RULES.includes(f.rule));
      assert.equal(onEntry.length, 1, JSON.stringify(onEntry));
      assert.equal(onEntry[0].rule, 'feature-gate-name');
      assert.equal(onEntry[0].severity, 'warning');
      assert.match(
        onEntry[0].message,
        /is a placeholder, not a feature gate name: write the gate's real name .* or, if the KEP has no feature gate, remove this entry/,
      );
      // The README rules say nothing about it, and nothing asks to write the stand-in in the README.
      const readmeFindings = lint(EMPTY_BULLETS, yaml);
      assert.deepEqual(byRule(readmeFindings, 'gate-not-in-readme'), []);
      assert.deepEqual(byRule(readmeFindings, 'gate-not-in-kep-yaml'), []);
      const bare = name.replace(/"/g, '');
      for (const f of readmeFindings) {
        assert.ok(!f.message.includes(`'${bare}'`), f.message);
        if (bare !== '-') for (const c of f.fix?.changes ?? []) assert.ok(!c.newText.includes(bare), f.fix!.title);
      }
    });
  }

  it("still reports the README's empty 'Feature gate name:' bullet as a placeholder when kep.yaml's only gate is 'None'", () => {
    const findings = byRule(lint(EMPTY_BULLETS, kepYaml({ gates: ['None'] })), 'placeholder');
    assert.ok(findings.some((f) => f.message.startsWith("'Feature gate name:' has no value")));
    // With a real gate in kep.yaml, gate-not-in-readme reports that bullet instead, with a fix to fill it in.
    const real = lint(EMPTY_BULLETS, kepYaml({ gates: ['MyFeature'] }));
    assert.ok(!byRule(real, 'placeholder').some((f) => f.message.startsWith("'Feature gate name:' has no value")));
    const [missing] = byRule(real, 'gate-not-in-readme');
    assert.equal(missing.fix?.changes[0].newText, ' MyFeature');
  });

  it('reports the real gates beside a stand-in as before, and leaves the stand-in out of their messages', () => {
    const yaml = kepYaml({ gates: ['None', 'MyFeature', 'OtherGate', 'myGate'] });
    const findings = lint(readme(), yaml);
    const [missing, ...rest] = byRule(findings, 'gate-not-in-readme');
    assert.equal(rest.length, 0);
    assert.equal(missing.message, "kep.yaml's feature gates 'OtherGate', 'myGate' are not named in the README: write them after 'Feature gate name:'.");
    const names = byRule(lintYaml(yaml), 'feature-gate-name');
    assert.deepEqual(
      names.map((f) => f.message.split(':')[0]),
      ["'None' is a placeholder, not a feature gate name", "Feature gate 'myGate' is not UpperCamelCase (perhaps 'MyGate')"],
    );
  });

  it("reports the template's empty entry (no name, no components) once, and a named gate without components still", () => {
    const yaml = kepYaml({ gates: [] }).replace('disable-supported', 'feature-gates:\n  - name:\n    components:\n  - name: Bare\ndisable-supported');
    const findings = lintYaml(yaml).filter((f) => GATE_RULES.includes(f.rule));
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message.split(':')[0]}`),
      ['feature-gate-name: This feature gate entry has no name', 'feature-gate-components: Feature gate Bare lists no components'],
    );
  });

  itWithSample('sample: the nameless gate entry of 3141-prevent-volume-mode-conversion is one finding', async () => {
    const findings = await lintSampleFile('keps/sig-storage/3141-prevent-volume-mode-conversion/kep.yaml');
    const gate = findings.filter((f) => GATE_RULES.includes(f.rule));
    // status: implemented, so the naming advice is information (finished KEPs, class 12).
    assert.deepEqual(brief(gate), ['36 feature-gate-name info']);
    assert.match(gate[0].message, /has no name: write the gate's name .* or remove the entry/);
  });
});
