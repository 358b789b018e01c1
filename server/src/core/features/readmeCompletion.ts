// Completion on the README's feature-gate bullets of the production readiness questionnaire
// ("How can this feature be enabled / disabled in a live cluster?"):
//   - Feature gate name: |                      → the gate names of the sibling kep.yaml
//   - Components depending on the feature gate: | → their components, then the usual programs
// Also on a sub-bullet under an empty label bullet. Anywhere else: nothing.
// Invariant: completeReadmeBullet never throws. Protocol-free: plain data.
import { isPlaceholderGateName, readKepYaml } from '../kep/kepYaml';
import { dirname, joinPath, type WorkspaceFiles } from '../workspace/files';
import { KNOWN_COMPONENTS } from '../kep/workspaceFacts';
import { markdownCode } from '../text/markdownEscape';
import { noteCaught, type CompletionEntry } from './yamlCompletion';

export interface ReadmeCompletionInput {
  path: string;
  /** The README's lines. */
  lines: readonly string[];
  line: number;
  character: number;
  files: WorkspaceFiles;
}

type Label = 'gate' | 'components';

const LABEL =
  /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(?:\*\*)?(feature[ -]gate names?|components depending on the feature[ -]gates?)(?:\*\*)?\s*:(?:\*\*)?/i;
const BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+/;
/** Characters of a gate or component name. */
const NAME_CHAR = /[A-Za-z0-9_.-]/;

export function completeReadmeBullet(input: ReadmeCompletionInput): CompletionEntry[] {
  try {
    return complete(input);
  } catch (e) {
    noteCaught(e);
    return [];
  }
}

function labelOf(text: string): Label {
  return /^feature/i.test(text) ? 'gate' : 'components';
}

function complete(input: ReadmeCompletionInput): CompletionEntry[] {
  const full = input.lines[input.line];
  if (full === undefined) return [];
  const character = Math.max(0, Math.min(input.character, full.length));
  const prefix = full.slice(0, character);
  let label: Label | undefined;
  let listStart: number;
  const m = LABEL.exec(prefix);
  if (m) {
    label = labelOf(m[2]);
    listStart = m[0].length;
  } else {
    // A sub-bullet under an empty label bullet: `  - |` below `- Components depending on the feature gate:`.
    const bullet = BULLET.exec(prefix);
    if (!bullet || /\s/.test(prefix.slice(bullet[0].length))) return [];
    label = parentLabel(input.lines, input.line, bullet[1].length);
    listStart = bullet[0].length;
  }
  if (!label) return [];
  // The name being typed: back to the last separator, forward over name characters.
  let start = character;
  while (start > listStart && NAME_CHAR.test(full[start - 1])) start--;
  let end = character;
  while (end < full.length && NAME_CHAR.test(full[end])) end++;
  const ticked = full[start - 1] === '`';
  if (ticked && full[end] === '`') end++;
  const replace = { startLine: input.line, startCharacter: ticked ? start - 1 : start, endLine: input.line, endCharacter: end };
  const written = new Set((full.slice(listStart, start) + ' ' + full.slice(end)).split(/[\s,`;]+/).filter((w) => w !== ''));

  const kepText = input.files.readText(joinPath(dirname(input.path), 'kep.yaml'));
  const gates = kepText === undefined ? [] : (readKepYaml(kepText).featureGates?.gates ?? []);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  if (label === 'gate') {
    for (const gate of gates) {
      const name = gate.name?.text?.trim();
      // A stand-in ("None") in kep.yaml is not a gate to offer after 'Feature gate name:'.
      if (!name || isPlaceholderGateName(name) || seen.has(name) || written.has(name)) continue;
      seen.add(name);
      const components = (gate.components?.items ?? []).map((c) => c.text).filter((c) => c !== '');
      const entry: CompletionEntry = {
        label: name,
        kind: 'value',
        detail: 'feature gate in kep.yaml',
        insertText: `\`${name}\``,
        replace,
        sortText: String(out.length).padStart(3, '0'),
      };
      if (components.length) entry.documentation = `Components in kep.yaml: ${components.map((c) => markdownCode(c)).join(', ')}`;
      out.push(entry);
    }
    return out;
  }
  const add = (name: string, detail: string, group: string): void => {
    if (!name || seen.has(name) || written.has(name)) return;
    seen.add(name);
    out.push({ label: name, kind: 'value', detail, insertText: name, replace, sortText: `${group}-${String(out.length).padStart(3, '0')}` });
  };
  for (const gate of gates) for (const c of gate.components?.items ?? []) add(c.text.trim(), 'component of a feature gate in kep.yaml', '0');
  for (const c of KNOWN_COMPONENTS) add(c, 'Kubernetes component', '1');
  return out;
}

/** The label of the nearest less-indented bullet above, when it is a label bullet with nothing after the colon. */
function parentLabel(lines: readonly string[], line: number, indent: number): Label | undefined {
  for (let l = line - 1; l >= 0 && l >= line - 50; l--) {
    const text = lines[l];
    if (text.trim() === '') continue;
    const bullet = BULLET.exec(text);
    const lineIndent = bullet ? bullet[1].length : (/^\s*/.exec(text)?.[0].length ?? 0);
    if (lineIndent >= indent) {
      if (bullet) continue;
      return undefined;
    }
    const m = LABEL.exec(text);
    if (!m || text.slice(m[0].length).trim() !== '') return undefined;
    return labelOf(m[2]);
  }
  return undefined;
}
