// The layering that docs/architecture.md describes, checked on the source: what each folder of
// server/src may import, and that no import circle exists. A violation names the file and the import.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

function findRepository(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'server/src/core'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no server/src/core above ${__dirname}`);
  }
}

const REPO = findRepository();
const SERVER = path.join(REPO, 'server/src');

/** The core's layers, lowest first: a module may import from its own layer and the ones before it. */
export const CORE_LAYERS = ['text', 'workspace', 'markdown', 'kep', 'rules', 'features'];
/** Packages the core may use: pure parsers and their types, nothing that touches IO or a protocol. */
const CORE_PACKAGES = new Set(['remark', 'mdast', 'mdast-util-to-string', 'yaml']);

interface Module {
  /** Path relative to server/src, '/'-separated, without the extension. */
  name: string;
  imports: { specifier: string; line: number }[];
  /** Calls that load code at run time (`require(`, `import(`), with their lines. */
  dynamicLoads: number[];
}

/** Drops comments and string contents' effect on line numbers stays: each comment keeps its newlines. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

export function importsOf(source: string): Pick<Module, 'imports' | 'dynamicLoads'> {
  const code = withoutComments(source);
  const lineAt = (index: number): number => code.slice(0, index).split('\n').length;
  const imports: Module['imports'] = [];
  for (const match of code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    imports.push({ specifier: match[1] ?? match[2]!, line: lineAt(match.index!) });
  }
  const dynamicLoads = [...code.matchAll(/\b(?:require|import)\s*\(/g)].map((m) => lineAt(m.index!));
  return { imports, dynamicLoads };
}

function readModules(): Module[] {
  const out: Module[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts')) {
        const name = path.relative(SERVER, full).split(path.sep).join('/').replace(/\.ts$/, '');
        out.push({ name, ...importsOf(readFileSync(full, 'utf8')) });
      }
    }
  };
  walk(SERVER);
  return out;
}

/** The module a relative specifier names, relative to server/src (a folder names its index module). */
function resolveRelative(from: string, specifier: string, known?: Set<string>): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return known && !known.has(target) && known.has(`${target}/index`) ? `${target}/index` : target;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The rank of a core module's layer (modules at the core's top level, like version.ts, rank lowest). */
function coreRank(name: string): number | undefined {
  if (!name.startsWith('core/')) return undefined;
  const folder = name.split('/')[1]!;
  const rank = CORE_LAYERS.indexOf(folder);
  return rank >= 0 ? rank : name.split('/').length === 2 ? -1 : undefined;
}

/** Every rule the layering sets, as messages for the imports that break it. */
export function layeringViolations(modules: Module[]): string[] {
  const problems: string[] = [];
  const known = new Set(modules.map((m) => m.name));
  for (const module of modules) {
    const top = module.name.split('/')[0]!;
    for (const { specifier, line } of module.imports) {
      const where = `server/src/${module.name}.ts:${line} imports '${specifier}'`;
      // JSON is data the bundler inlines (the kep.yaml schemas), not code and not IO.
      if (specifier.startsWith('.') && specifier.endsWith('.json')) continue;
      if (specifier.startsWith('.')) {
        const target = resolveRelative(module.name, specifier, known);
        if (!known.has(target)) problems.push(`${where}, which is not a module of server/src`);
        const targetTop = target.split('/')[0]!;
        if (top === 'core' && targetTop !== 'core') problems.push(`${where}: the core imports nothing outside core/`);
        if (top === 'lsp' && (targetTop === 'node' || targetTop === 'cli'))
          problems.push(`${where}: the LSP glue is shared by every LSP entry and imports no entry`);
        if (top === 'node' && targetTop === 'cli') problems.push(`${where}: the Node entry does not import the CLI`);
        if (top === 'cli' && targetTop === 'lsp') problems.push(`${where}: kep-lint speaks no LSP`);
        const from = coreRank(module.name);
        const to = coreRank(target);
        if (from !== undefined && to !== undefined && to > from)
          problems.push(`${where}: core/${CORE_LAYERS[from] ?? '.'} sits below core/${CORE_LAYERS[to]} and may not import it`);
        continue;
      }
      const pkg = packageOf(specifier);
      if (top === 'core' && !CORE_PACKAGES.has(pkg))
        problems.push(`${where}: the core does no IO and knows no protocol, so it uses only ${[...CORE_PACKAGES].join(', ')}`);
      if (top === 'lsp' && (specifier.startsWith('node:') || specifier === 'vscode-languageserver/node' || specifier === 'vscode'))
        problems.push(`${where}: the LSP glue runs in the browser too, so it takes Node's APIs from its host, not from imports`);
    }
    if (top === 'core' || top === 'lsp') {
      for (const line of module.dynamicLoads) problems.push(`server/src/${module.name}.ts:${line} loads code at run time (require or import())`);
    }
  }
  return problems;
}

/** The import circles among the modules (each as its members), by Tarjan's strongly connected components. */
export function importCircles(modules: Module[]): string[][] {
  const known = new Set(modules.map((m) => m.name));
  const edges = new Map<string, string[]>();
  for (const m of modules)
    edges.set(
      m.name,
      m.imports.filter((i) => i.specifier.startsWith('.')).map((i) => resolveRelative(m.name, i.specifier, known)),
    );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1 || edges.get(v)!.includes(v)) circles.push(members.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return circles;
}

describe('architecture (docs/architecture.md)', function () {
  const modules = readModules();

  it('finds the source and its layers', function () {
    assert.ok(modules.length > 50, `only ${modules.length} modules under ${SERVER}`);
    for (const layer of CORE_LAYERS)
      assert.ok(
        modules.some((m) => m.name.startsWith(`core/${layer}/`)),
        `no core/${layer}/`,
      );
    for (const entry of ['lsp/server', 'node/main', 'cli/main'])
      assert.ok(
        modules.some((m) => m.name === entry),
        `no ${entry}.ts`,
      );
  });

  it('each folder imports only what its layer may', function () {
    assert.deepEqual(layeringViolations(modules), []);
  });

  it('has no import circle', function () {
    assert.deepEqual(importCircles(modules), []);
  });

  it('the checks catch what they are for', function () {
    const core = (name: string, source: string): Module => ({ name, ...importsOf(source) });
    const broken = [
      core('core/markdown/a', "import { readFileSync } from 'node:fs';"),
      core('core/kep/b', "import type { Connection } from 'vscode-languageserver';"),
      core('core/features/c', "import * as vscode from 'vscode';"),
      core('core/text/d', "import { x } from '../kep/e';"),
      core('core/kep/e', "export { y } from '../text/d';\nconst f = require('fs');"),
      core('lsp/server', "import { createConnection } from 'vscode-languageserver/node';\nimport { x } from '../node/fileSource';"),
      core('node/fileSource', ''),
    ];
    const found = layeringViolations(broken).join('\n');
    for (const expected of [
      "core/markdown/a.ts:1 imports 'node:fs'",
      "core/kep/b.ts:1 imports 'vscode-languageserver'",
      "core/features/c.ts:1 imports 'vscode'",
      'core/text sits below core/kep',
      'core/kep/e.ts:2 loads code at run time',
      "lsp/server.ts:1 imports 'vscode-languageserver/node'",
      'the LSP glue is shared by every LSP entry',
    ])
      assert.ok(found.includes(expected), `not caught: ${expected}\n${found}`);
    assert.deepEqual(importCircles(broken), [['core/kep/e', 'core/text/d']]);
    // A commented-out import is not an import.
    assert.deepEqual(importsOf("// import x from 'node:fs'\n/* import y from 'vscode' */").imports, []);
  });
});
