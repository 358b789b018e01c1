// The demo that `npm start` runs and `npm run screenshots` photographs: a fresh code-server with the
// built extension installed and a clean copy of demo/workspace open. Everything lives in one
// temporary folder, removed by stop(), so every demo starts from the same files.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessGroups, SetupError, ensureCodeServer, freePort, portIsFree, root, sessionDirs, startCodeServer, writeUserSettings } from './codeServer.mjs';

export const DEMO_WORKSPACE = path.join(root, 'demo/workspace');
/** The KEP that the demo is about, relative to the workspace. */
export const DEMO_KEP = 'keps/sig-demo/9999-image-pull-progress';
export const DEFAULT_PORT = 8080;

/** `npm run build`: bundles dist/ (client, server, CLI). Throws when the build fails. */
export function buildExtension(log = console.log) {
  log('building the extension (npm run build)');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError(`npm run build failed (exit ${result.status ?? result.signal}): its errors are above`);
}

/**
 * Installs the built extension into a code-server extensions folder by copying what the .vsix would
 * hold (package.json, the bundles, grammars, snippets, schemas) into <publisher>.<name>-<version>/;
 * code-server registers such a folder on start. Faster than packaging a .vsix, and it uses the
 * development bundles, which have source maps.
 */
export function installBuiltExtension(extensionsDir) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dir = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/client.js', 'dist/server.js']) {
    const from = path.join(root, file);
    if (existsSync(from)) cpSync(from, path.join(dir, file));
    else if (file.startsWith('dist/')) throw new SetupError(`${file} is missing: the build did not finish (run npm run build)`);
  }
  for (const folder of ['syntaxes', 'snippets', 'schemas']) {
    if (existsSync(path.join(root, folder))) cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  }
  return { id: `${pkg.publisher}.${pkg.name}`, version: pkg.version, dir };
}

/** A workbench URL that opens `folder`; slashes stay readable, since the URL is printed for people. */
export function folderUrl(base, folder) {
  return `${base}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
}

/**
 * Starts the demo. `port`: the port to listen on; when `strictPort` is false and it is taken, a free
 * one is used instead (`onPortTaken` says so). Returns the URL that opens the workspace, the
 * workspace copy and stop(), which ends every process and removes the temporary folder.
 * `onUnexpectedExit` is called when code-server exits before stop() was asked for; `onStop` receives
 * stop() as soon as there is something to stop, so that a signal during the start can end it too.
 */
export async function startDemo({
  port = DEFAULT_PORT,
  strictPort = false,
  settings = {},
  log = console.log,
  onServerOutput = () => {},
  onUnexpectedExit = () => {},
  onPortTaken = () => {},
  onStop = () => {},
} = {}) {
  ensureCodeServer({ log });
  const tmp = mkdtempSync(path.join(tmpdir(), 'kep-demo-'));
  const groups = new ProcessGroups(tmp);
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      await groups.stopAll({ log });
      rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    })());
  onStop(stop);
  try {
    const dirs = sessionDirs(tmp);
    // The folder's name is what the Explorer shows as the workspace's title.
    const workspace = path.join(tmp, 'enhancements');
    cpSync(DEMO_WORKSPACE, workspace, { recursive: true });
    writeUserSettings(dirs.userData, {
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...settings,
    });
    const extension = installBuiltExtension(dirs.extensions);

    let chosen = port;
    if (!(await portIsFree(port))) {
      if (strictPort) throw new PortTakenError(port);
      chosen = await freePort();
      onPortTaken(port, chosen);
    }
    const { base } = await startCodeServer({
      groups,
      dirs,
      port: chosen,
      onOutput: onServerOutput,
      onExit: (why, output) => {
        if (!stopping) onUnexpectedExit(why, output);
      },
    });
    return { url: folderUrl(base, workspace), base, workspace, dirs, extension, tmp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export class PortTakenError extends SetupError {
  constructor(port) {
    super(`port ${port} on 127.0.0.1 is already in use`);
    this.port = port;
  }
}
