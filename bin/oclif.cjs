'use strict'
/* global __dirname */

// The oclif run: every run that bin/run.cjs's fast path does not serve. CommonJS, like
// bin/run.cjs, so that a run such as `clokta --help` loads no ES module at all.

/**
 * dist/cli/oclif.cjs (@oclif/core and the help class) compiled with the V8 code cache that
 * scripts/oclif-code-cache.mjs makes at build time, after a --help run, so the functions help
 * runs are in it, compiled: Node 20 caches compiled code for no module, and compiling oclif
 * is a fifth of `clokta --help`. It goes into require.cache, where the commands' imports of
 * @oclif/core find it (scripts/oclif-core.mjs). A node whose V8 differs rejects the cache
 * and compiles the file as if it were absent; with source maps on (--debug), a plain
 * require() loads it instead, since only what node's loaders compile is mapped.
 * @param {{sourceMaps?: boolean, cache?: boolean}} [options]
 * @returns {{exports: typeof import('@oclif/core'), script?: import('node:vm').Script}}
 */
function loadOclif(options = {}) {
  const file = require.resolve('../dist/cli/oclif.cjs')
  if (options.sourceMaps) return {exports: require(file)}
  const {readFileSync} = require('node:fs')
  const Module = require('node:module')
  const path = require('node:path')
  const {Script} = require('node:vm')
  const {freshCodeCache} = require('./code-cache.cjs')
  const cachedData = options.cache !== false ? freshCodeCache(file) : undefined
  // node's own CommonJS wrapper, the lines unchanged so stack traces keep their line numbers,
  // and the import() the file's own would lose with the code cache (see scripts/bundle.mjs)
  const source = `(function (exports, require, module, __filename, __dirname, __cloktaImport) { ${readFileSync(file, 'utf8')}\n})`
  const script = new Script(source, {filename: file, cachedData})
  const mod = new Module(file, module)
  mod.filename = file
  /** @param {string} specifier */
  const importModule = (specifier) => import(specifier)
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file), importModule)
  mod.loaded = true
  require.cache[file] = mod
  return {exports: mod.exports, script}
}

/**
 * `clokta -p website` is the login command. oclif cannot give a root command flags and
 * keep subcommands, so a run that starts with a flag (other than help/version) is routed to
 * `login`; `clokta -p website --help` then shows login's help.
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function routed(argv, env) {
  const args = [...argv]
  // oclif knows -h only through package.json's additionalHelpFlags.
  const rootFlags = new Set(['--help', '-h', '--version'])
  if (args.length > 0 && args[0].startsWith('-') && !rootFlags.has(args[0])) args.unshift('login')
  // A bare `clokta` logs in $AWS_PROFILE, as the original did; without it oclif shows the root help.
  if (args.length === 0 && env.AWS_PROFILE?.trim()) args.push('login')
  return args
}

/**
 * oclif's Config.load options: clokta's root and package.json, which oclif would otherwise
 * find by walking up from this file and reading package.json files on the way.
 * @returns {{root: string, pjson: import('@oclif/core').Interfaces.PJSON}}
 */
function loadOptions() {
  return {root: require('node:path').join(__dirname, '..'), pjson: require('../package.json')}
}

/** @param {string[]} argv the arguments after the script */
function runOclif(argv) {
  const args = routed(argv, process.env)
  // V8's compile cache for the ES module chunks (Node >= 22.1; Node 20 has none).
  /** @type {{enableCompileCache?: () => unknown}} */
  const compileCache = require('node:module')
  compileCache.enableCompileCache?.()
  // dist/ is bundled (scripts/bundle.mjs): with --debug, the source maps beside it make a stack
  // trace point at src/. Turned on before the bundle loads, since only files loaded later are mapped.
  const sourceMaps = args.some((a) => a === '--debug' || a === '-v' || a === '--verbose')
  if (sourceMaps) process.setSourceMapsEnabled(true)
  return loadOclif({sourceMaps}).exports.execute({args, loadOptions: loadOptions()})
}

module.exports = {loadOclif, loadOptions, routed, runOclif}
