// The package version, put in by the build (scripts/build.mjs defines __KEP_VERSION__ from
// package.json), so that kep-lint, the server and the client's serverInfo never disagree.
declare const __KEP_VERSION__: string | undefined;

export const VERSION: string = typeof __KEP_VERSION__ === 'string' ? __KEP_VERSION__ : '0.0.0-dev';
