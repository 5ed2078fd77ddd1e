// What scripts/bundle.mjs changes in @oclif/core (and string-width) as it bundles them into dist/cli/oclif.cjs,
// so that `clokta --help` costs at most twice a bare node start (issue 16): each patch keeps
// what oclif does and drops work a run did not need (scripts/oclif-runtime.cjs). Each names
// the text it replaces; the build fails when that text is gone (an oclif upgrade) rather than
// bundle an oclif without it.
import {join} from 'node:path'

const runtime = `require(${JSON.stringify(join(import.meta.dirname, 'oclif-runtime.cjs'))})`

/** @param {string} module */
const lazy = (module) => ({from: `require("${module}")`, to: `${runtime}.lazy(() => require("${module}"))`})

/** @type {{file: string, from: string, to: string}[]} */
export const patches = [
  // ICU's collator loads on the first localeCompare (~8 ms): code point order where it is the same
  {
    file: '@oclif/core/lib/config/plugin.js',
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    to: `.sort((a, b) => ${runtime}.compareIds(a.id, b.id))`,
  },
  // a plugin's folder without node's ES module resolver (~5 ms); require.resolve when not found
  {
    file: '@oclif/core/lib/util/find-root.js',
    from: 'pkgPath = require.resolve(name, { paths: [root] });',
    to: `pkgPath = ${runtime}.packageJsonPath(name, root) ?? require.resolve(name, { paths: [root] });`,
  },
  // the core plugins among package.json's dependencies without minimatch, whose patterns are
  // compiled for each pair (~2 ms of each start) though clokta's are plain names
  {
    file: '@oclif/core/lib/config/plugin-loader.js',
    from: '(0, minimatch_1.minimatch)(p, w)',
    to: `${runtime}.matchesDependency(p, w, (name, pattern) => (0, minimatch_1.minimatch)(name, pattern))`,
  },
  // modules only some runs use, required when first used
  {file: '@oclif/core/lib/config/plugin-loader.js', ...lazy('minimatch')},
  {file: '@oclif/core/lib/performance.js', ...lazy('node:perf_hooks')},
  {file: '@oclif/core/lib/parser/parse.js', ...lazy('node:readline')},
  {file: '@oclif/core/lib/config/plugin.js', ...lazy('tinyglobby')},
  {file: '@oclif/core/lib/util/read-pjson.js', ...lazy('lilconfig')},
  // Help text is wrapped word by word, and each word's width taken by string-width, which runs
  // strip-ansi's and emoji-regex's regular expressions over it. Printable ASCII has neither an
  // escape sequence nor an emoji, and every character is one column wide: its length is its width.
  {
    file: 'string-width/index.js',
    from: 'const stringWidth = string => {',
    to: 'const stringWidth = string => {\n\tif (typeof string === "string" && /^[\\x20-\\x7E]*$/.test(string)) return string.length;',
  },
]

/**
 * The source of a bundled file with its patches applied; `applied` counts each use.
 * @param {string} path
 * @param {string} source
 * @param {Map<object, number>} applied
 * @param {{file: string, from: string, to: string}[]} [list] the patches to apply (oclif's by default)
 */
export function patchModules(path, source, applied, list = patches) {
  const normalized = path.replaceAll('\\', '/')
  let out = source
  for (const patch of list) {
    if (!normalized.endsWith(`/node_modules/${patch.file}`)) continue
    if (!out.includes(patch.from)) throw new Error(`scripts/oclif-patches.mjs: ${patch.file} no longer has ${patch.from}`)
    out = out.replace(patch.from, () => patch.to)
    applied.set(patch, (applied.get(patch) ?? 0) + 1)
  }
  return out
}
