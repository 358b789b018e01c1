// A temporary enhancements checkout on disk (template + one demo KEP) for protocol and CLI tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GOOD_KEP, PROVISIONAL_YAML, TEMPLATE_TEXT } from '../unit/support/kepFixture';

export interface KepWorkspace {
  root: string;
  readme: string;
  kepYaml: string;
  remove(): void;
}

export function createKepWorkspace(prefix: string): KepWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const kep = path.join(root, 'keps/sig-test/1234-demo');
  mkdirSync(kep, { recursive: true });
  mkdirSync(path.join(root, 'keps/NNNN-kep-template'), { recursive: true });
  writeFileSync(path.join(root, 'keps/NNNN-kep-template/README.md'), TEMPLATE_TEXT);
  const kepYaml = path.join(kep, 'kep.yaml');
  const readme = path.join(kep, 'README.md');
  writeFileSync(kepYaml, PROVISIONAL_YAML);
  writeFileSync(readme, GOOD_KEP);
  return { root, readme, kepYaml, remove: () => rmSync(root, { recursive: true, force: true }) };
}
