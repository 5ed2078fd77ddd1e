// Builds dist/ with esbuild instead of one tsc output file per source file: every command
// and hook becomes an entry file at the path oclif's manifest names (dist/commands/login.js,
// dist/cli/command-not-found.js, ...), and what they share goes into a few chunks under
// dist/chunks. A start then reads a handful of files instead of hundreds (issue 16). What
// only some runs need (the AWS SDK, got, enquirer, fast-xml-parser) sits in chunks of its
// own that only those runs load. Native addons stay in node_modules.
//
// @oclif/core and the help class are one CommonJS file of their own, dist/cli/oclif.cjs:
// bin/run.cjs compiles it with a V8 code cache (scripts/oclif-code-cache.mjs), which Node 20
// offers for scripts but not for ES modules, so `clokta --help` runs without compiling
// oclif. The ES modules get @oclif/core from that same file (scripts/oclif-core.mjs). That
// file is minified (whitespace and syntax), and scripts/oclif-patches.mjs spares oclif's start
// what a run does not use (ICU's collator, node's ES module resolver, fs/promises, ...).
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {build} from 'esbuild'

import {libraryPatches, libraryPatchesPlugin} from './library-patches.mjs'
import {patchModules, patches} from './oclif-patches.mjs'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  alias: {semver: './scripts/no-semver.mjs'},
  // typescript and ts-node: oclif's development mode only, looked up at run time.
  external: ['@napi-rs/keyring', 'fs-native-extensions', 'typescript', 'ts-node'],
  // Linked, not inline: read only when --debug turns source maps on (bin/run.cjs), so a
  // --debug stack trace points at src/.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
}

// V8 loses a script's import() handler when it compiles the script from a code cache, so
// inside dist/cli/oclif.cjs, oclif's import() of the commands and hooks calls a function
// bin/oclif.cjs passes in (a sixth parameter beside node's five) instead; a plain require()
// of the file, which passes no such function, gets one that calls import() itself.
const IMPORT = /(?<![\w.$'"`])import\(/g
// The same pass applies scripts/oclif-patches.mjs to @oclif/core's (and string-width's) files.
/** @type {Map<object, number>} */
const applied = new Map()
/** @type {import('esbuild').Plugin} */
const oclifImports = {
  name: 'oclif-imports',
  setup(build) {
    build.onLoad({filter: /\.(c|m)?js$/}, (args) => ({
      contents: patchModules(args.path, readFileSync(args.path, 'utf8'), applied).replace(IMPORT, '__cloktaImport('),
      loader: 'js',
    }))
  },
}
// `debug` inside that file is scripts/quiet-debug.cjs, which loads the real one only with DEBUG set.
/** @type {import('esbuild').Plugin} */
const quietDebug = {
  name: 'quiet-debug',
  setup(build) {
    const shim = join(import.meta.dirname, 'quiet-debug.cjs')
    build.onResolve({filter: /^debug$/}, (args) => (args.importer === shim ? undefined : {path: shim}))
  },
}
await build({
  ...common,
  entryPoints: ['src/cli/oclif.ts'],
  outfile: 'dist/cli/oclif.cjs',
  format: 'cjs',
  plugins: [oclifImports, quietDebug],
  // Whitespace and syntax only (names stay, for stack traces and oclif's class names): a third
  // less to read and for V8 to take from the code cache. --debug maps it back to src/.
  minifyWhitespace: true,
  minifySyntax: true,
  alias: {...common.alias, 'node:fs/promises': './scripts/sync-fs-promises.cjs'},
  banner: {js: "'use strict';\nvar __cloktaImport = typeof __cloktaImport === 'function' ? __cloktaImport : (specifier) => import(specifier);"},
})
const missed = patches.filter((p) => applied.get(p) !== 1)
if (missed.length > 0) throw new Error(`scripts/bundle.mjs: patches not applied exactly once: ${missed.map((p) => p.from).join(', ')}`)
const left = readFileSync('dist/cli/oclif.cjs', 'utf8').match(IMPORT)?.length ?? 0
if (left !== 1) throw new Error(`scripts/bundle.mjs: dist/cli/oclif.cjs has ${left - 1} import() that bin/oclif.cjs's code cache would break`)
// oclif loads package.json's helpClass with require() since it ends in .cjs: the class from the bundle above
writeFileSync('dist/cli/help.cjs', "'use strict'\nmodule.exports = {default: require('./oclif.cjs').CloktaHelp}\n")

// The commands run most (`clokta -p X`, credential-process, env) are each bundled on their own,
// with chunks of their own; the others share one build. Bundled together, the code commands share
// is split into a chunk per set of commands sharing it, and a login loaded 64 ES modules; on its
// own it loads 19, for 0.90x the CPU (medians of 31 interleaved rounds). What two builds share
// with the same content has the same name under dist/chunks and is written once. Their run()
// imports the flow statically, so no import() boundary splits it further: oclif loads a command's
// file only to run it (help reads oclif.manifest.json). The libraries get scripts/library-patches.mjs.
const HOT = ['src/commands/login.ts', 'src/commands/credential-process.ts', 'src/commands/env.ts']
const shared = [
  ...readdirSync('src/commands', {recursive: true, encoding: 'utf8'})
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join('src/commands', f).replaceAll('\\', '/'))
    .filter((f) => !HOT.includes(f)),
  'src/cli/command-not-found.ts',
  'src/cli/extend-autocomplete.ts',
]
/** @type {Map<object, number>[]} */
const appliedLibrary = []
for (const entryPoints of [shared, ...HOT.map((entry) => [entry])]) {
  /** @type {Map<object, number>} */
  const applied = new Map()
  appliedLibrary.push(applied)
  await build({
    ...common,
    entryPoints,
    outdir: 'dist',
    outbase: 'src',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    // The ES module builds (the AWS SDK's dist-es): what an ES bundle imports as it was written.
    mainFields: ['module', 'main'],
    // The CommonJS packages inside call require(); an ES module has none.
    banner: {js: "import {createRequire as __cloktaRequire} from 'node:module'; const require = __cloktaRequire(import.meta.url);"},
    alias: {
      ...common.alias,
      '@oclif/core': './scripts/oclif-core.mjs',
      'http2-wrapper': './scripts/no-http2-wrapper.mjs',
      'cacheable-request': './scripts/no-cacheable-request.mjs',
      'cacheable-lookup': './scripts/no-cacheable-lookup.mjs',
      'fast-xml-parser': './scripts/xml-parser-only.mjs',
    },
    external: [...common.external, '#oclif-core'],
    plugins: [libraryPatchesPlugin(applied)],
    // Minified, names too: a login parses what it loads, and V8 scans and interns every name it
    // meets (10% of a login's CPU, 0.388 against 0.430 s). keepNames would restore each function's
    // .name at a cost greater than the gain; nothing clokta loads reads a minified one (the SDK's
    // and got's errors name themselves in strings), and the suite runs against this build.
    // --debug maps a stack trace's files and lines back to src/, though not its function names.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
  })
}
// each patch in some build, and in none twice
const missedLibrary = libraryPatches.filter((p) => !appliedLibrary.some((a) => a.get(p) === 1) || appliedLibrary.some((a) => (a.get(p) ?? 0) > 1))
if (missedLibrary.length > 0) throw new Error(`scripts/bundle.mjs: patches not applied exactly once: ${missedLibrary.map((p) => p.from).join(', ')}`)
