'use strict'
// What scripts/oclif-patches.mjs puts in @oclif/core's place inside dist/cli/oclif.cjs: each
// does what the code it replaces did, without the work `clokta --help` never needed.

/**
 * A module's exports, required on first use instead of when the requiring module loads:
 * oclif's modules require at load what only some runs use (perf_hooks for OCLIF_PERFORMANCE,
 * readline for a `-` argument read from stdin, tinyglobby for a plugin without a manifest,
 * lilconfig for a plugin whose package.json has no oclif section).
 * @param {() => object} load
 * @returns {object}
 */
function lazy(load) {
  /** @type {Record<string | symbol, unknown> | undefined} */
  let exports
  const get = () => (exports ??= /** @type {Record<string | symbol, unknown>} */ (load()))
  return new Proxy({}, {get: (_, key) => get()[key], has: (_, key) => key in get()})
}

// Command ids made of these characters only: in ICU's root collation, as in English and in
// POSIX (en_US_POSIX), '-' < ':' < 'a' < ... < 'z', which is also their order as code points.
// Digits are not among them (root puts them after ':', code points before).
const PLAIN_ID = /^[a-z:-]*$/

/**
 * Whether String#localeCompare runs with a collation that orders plain ids as code points:
 * ICU (Linux, macOS) takes its default locale from the first of LC_ALL, LC_MESSAGES and LANG
 * that is set; unset, empty, C, POSIX or English is such a collation. Czech (ch after h),
 * Danish (aa after z) and many others are not, and keep localeCompare.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 */
function plainIdsInCodePointOrder(env, platform) {
  if (platform !== 'linux' && platform !== 'darwin') return false
  const locale = env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? ''
  return /^(C|POSIX|en)?([._@-]|$)/.test(locale)
}

/** @type {boolean | undefined} */
let codePointOrder

/**
 * oclif sorts each plugin's commands with localeCompare, whose first call loads ICU's
 * collation data: ~8 ms of every start. The same order, without the collator, when both ids
 * are plain and the locale orders them as code points; localeCompare otherwise.
 * @param {string} a
 * @param {string} b
 */
function compareIds(a, b) {
  codePointOrder ??= plainIdsInCodePointOrder(process.env, process.platform)
  if (codePointOrder && PLAIN_ID.test(a) && PLAIN_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return a.localeCompare(b)
}

// A pattern minimatch matches only against itself: no glob, brace, negation or comment syntax.
const PLAIN_PATTERN = /^[\w@.-][\w@./-]*$/

/**
 * Whether the dependency `name` matches the core plugin pattern `pattern`, as minimatch says:
 * a plain pattern (clokta's are package names) matches only itself, so minimatch, which
 * compiles the pattern on every call, is asked only about the others.
 * @param {string} name
 * @param {string} pattern
 * @param {(name: string, pattern: string) => boolean} minimatch
 */
function matchesDependency(name, pattern, minimatch) {
  return PLAIN_PATTERN.test(pattern) ? name === pattern : minimatch(name, pattern)
}

/**
 * The package.json (its real path) of the package `name` in the node_modules folders
 * require.resolve(name, {paths: [root]}) searches first, or undefined (oclif then calls
 * require.resolve). oclif only needs the plugin's folder, found from there the same way; a
 * require.resolve of a package with "exports" loads node's ES module resolver (~5 ms).
 * @param {string} name
 * @param {string} root
 */
function packageJsonPath(name, root) {
  const {existsSync, realpathSync} = require('node:fs')
  const path = require('node:path')
  /** @type {{_nodeModulePaths(from: string): string[]}} */
  const Module = require('node:module')
  for (const dir of Module._nodeModulePaths(root)) {
    const file = path.join(dir, name, 'package.json')
    if (existsSync(file)) return realpathSync(file)
  }
  return undefined
}

module.exports = {matchesDependency, lazy, compareIds, plainIdsInCodePointOrder, packageJsonPath}
