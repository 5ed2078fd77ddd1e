#!/usr/bin/env node
'use strict'
/* global __dirname, TextEncoder */

// CommonJS on purpose: the AWS CLI runs `clokta credential-process` for every command it
// runs, and an ES module entry alone costs ~10% of a bare node start. Runs with still-valid
// credentials (credential-process, `clokta -p X`) are served from one bundled file
// (dist/fast/fast.cjs, from src/fast by npm run build:fast) before oclif loads; every other
// run, and any doubt, goes to oclif (bin/oclif.cjs).
const full = () => void require('./oclif.cjs').runOclif(process.argv.slice(2))

/** @type {string[]} */
const args = process.argv.slice(2)
// bin/oclif.cjs's routing: a flag first (not help or version), or nothing and AWS_PROFILE, is the login
const first = args.length > 0 ? args[0] : ''
const mayServe =
  args.length === 0
    ? !!process.env.AWS_PROFILE
    : first === 'credential-process' ||
      first === 'env' ||
      first === 'login' ||
      (first.startsWith('-') && first !== '--help' && first !== '-h' && first !== '--version')

/**
 * The bundle is one function expression (build:fast wraps it), compiled with the V8 code
 * cache bin/fast-code-cache.js made at build time: compiling is a third of its cost.
 * @returns {{fastOutput(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<[1 | 2, string][] | undefined>}}
 */
function loadFast() {
  const {readFileSync} = require('node:fs')
  const {Script} = require('node:vm')
  const {freshCodeCache} = require('./code-cache.cjs')
  const dir = `${__dirname}/../dist/fast`
  const file = `${dir}/fast.cjs`
  const script = new Script(readFileSync(file, 'utf8'), {filename: file, cachedData: freshCodeCache(file)})
  const bundle = {exports: {}}
  script.runInThisContext()(bundle.exports, require, bundle, file, dir)
  return bundle.exports
}

/**
 * fs.writeSync spares node the setup of process.stdout; on a descriptor someone made
 * non-blocking (EAGAIN), what is left goes to the stream. A reader that went away (EPIPE,
 * `clokta env -p X | head -0`) is no error of ours: the rest is dropped, as the full
 * command's stream drops it, instead of a stack trace.
 * @param {1 | 2} fd
 * @param {string} text
 */
function write(fd, text) {
  const {writeSync} = require('node:fs')
  /** @type {Uint8Array} */
  let bytes = new TextEncoder().encode(text)
  try {
    while (bytes.length > 0) bytes = bytes.subarray(/** @type {number} */ (writeSync(fd, bytes)))
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EAGAIN') return
    const stream = fd === 1 ? process.stdout : process.stderr
    stream.on('error', () => {})
    stream.write(bytes)
  }
}

// A node older than package.json's engines lacks what clokta uses (process.getBuiltinModule,
// Node 20.16): one line and a hint rather than a failure further on. Asked of the API, so a
// recent node reads no file for it.
const tooOld = typeof process.getBuiltinModule === 'function' ? undefined : require('./node-version.cjs').tooOld(process.version)
if (tooOld !== undefined) {
  process.stderr.write(tooOld)
  process.exitCode = 1
} else if (!mayServe) full()
else {
  new Promise((resolve) => {
    resolve(loadFast().fastOutput(args, process.env, Date.now()))
  }).then(
    /** @param {[1 | 2, string][] | undefined} output */
    (output) => {
      if (output === undefined) full()
      else for (const [fd, text] of output) write(fd, text)
    },
    () => full(),
  )
}
