// Builds dist/ with esbuild instead of one tsc output file per source file: every command,
// the help class and the hooks become entry files at the paths oclif's manifest names
// (dist/commands/login.js, dist/cli/help.js, ...), and what they share, @oclif/core among it,
// goes into a few chunks under dist/chunks. A start then reads a handful of files instead of
// hundreds (issue 16), and oclif, our commands and bin/run.js share one copy of @oclif/core.
// What only some runs need (the AWS SDK, got, enquirer, fast-xml-parser) sits in chunks of
// its own that only those runs load. Native addons stay in node_modules.
import {build} from 'esbuild'

await build({
  entryPoints: ['src/commands/**/*.ts', 'src/cli/main.ts', 'src/cli/help.ts', 'src/cli/command-not-found.ts', 'src/cli/extend-autocomplete.ts'],
  outdir: 'dist',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // The ES module builds (the AWS SDK's dist-es): what an ES bundle imports as it was written.
  mainFields: ['module', 'main'],
  target: 'node20',
  // The CommonJS packages inside (oclif among them) call require(); an ES module has none.
  banner: {js: "import {createRequire as __cloktaRequire} from 'node:module'; const require = __cloktaRequire(import.meta.url);"},
  alias: {semver: './scripts/no-semver.mjs'},
  // typescript and ts-node: oclif's development mode only, looked up at run time.
  external: ['@napi-rs/keyring', 'fs-native-extensions', 'typescript', 'ts-node'],
  // Linked, not inline: read only when --debug turns source maps on (bin/run.js), so a
  // --debug stack trace points at src/.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
})
