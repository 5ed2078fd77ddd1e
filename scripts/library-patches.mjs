// What scripts/bundle.mjs changes in the libraries a login loads (got's @sindresorhus/is and
// tough-cookie) as it bundles them into dist/chunks, so that a login costs less CPU (issue 16).
// The rules of scripts/oclif-patches.mjs hold here too: each patch keeps what the library does
// and drops only work a login did not need; each names the text it replaces, and the build
// fails when that text is gone (an upgrade) rather than bundle the library without it.
import {readFileSync} from 'node:fs'

import {patchModules} from './oclif-patches.mjs'

/** @type {{file: string, from: string, to: string}[]} */
export const libraryPatches = [
  // Intl.ListFormat loads ICU's list patterns (~12 ms of a login) when got loads, though they
  // only word the error for an option of the wrong type: made on first use instead.
  {
    file: '@sindresorhus/is/distribution/index.js',
    from: "const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });\nconst orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });",
    to: "const lazyListFormat = (type) => { let format; return { format: (list) => (format ??= new Intl.ListFormat('en', { style: 'long', type })).format(list) }; };\nconst andFormatter = lazyListFormat('conjunction');\nconst orFormatter = lazyListFormat('disjunction');",
  },
  // tough-cookie tests each cookie's domain against its IPv6 pattern, which V8 compiles on its
  // first use (~4 ms of a login); an IPv6 address has a colon and a host name never does.
  {
    file: 'tough-cookie/dist/index.js',
    from: 'var IP_V6_REGEX_OBJECT = new RegExp(`^${IP_V6_REGEX}$`);',
    to: 'var IP_V6_REGEX_OBJECT = ((pattern) => ({ test: (value) => String(value).includes(":") && pattern.test(value) }))(new RegExp(`^${IP_V6_REGEX}$`));',
  },
]

/**
 * The esbuild plugin that applies them; `applied` counts each use, for the build to check
 * that every patch was applied exactly once.
 * @param {Map<object, number>} applied
 * @returns {import('esbuild').Plugin}
 */
export function libraryPatchesPlugin(applied) {
  // either separator: esbuild gives Windows paths with backslashes
  const pattern = (/** @type {string} */ file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '[\\\\/]')
  const files = new RegExp(`[\\\\/]node_modules[\\\\/](${libraryPatches.map((p) => pattern(p.file)).join('|')})$`)
  return {
    name: 'library-patches',
    setup(build) {
      build.onLoad({filter: files}, (args) => ({
        contents: patchModules(args.path, readFileSync(args.path, 'utf8'), applied, libraryPatches),
        loader: 'js',
      }))
    },
  }
}
