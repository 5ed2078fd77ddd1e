'use strict'
// node:fs/promises inside dist/cli/oclif.cjs (scripts/bundle.mjs): oclif reads a few small
// JSON files at start (package.json files, manifests, the theme) through it, and loading
// fs/promises (with the streams, readline and watchers it brings) and starting libuv's
// thread pool cost more than the reads. The functions oclif uses run the synchronous calls
// inside async functions: the same results, and the same errors as rejections. Any other
// name comes from the real module.
const fs = require('node:fs')

/**
 * @template {unknown[]} A, R
 * @param {(...args: A) => R} call
 * @returns {(...args: A) => Promise<R>}
 */
const promised =
  (call) =>
  async (...args) =>
    call(...args)

/** @type {Record<string | symbol, unknown>} */
const sync = {access: promised(fs.accessSync), readFile: promised(fs.readFileSync), readdir: promised(fs.readdirSync), stat: promised(fs.statSync)}

module.exports = new Proxy(sync, {
  get: (own, key) => (key in own ? own[key] : /** @type {Record<string | symbol, unknown>} */ (require('node:fs/promises'))[key]),
})
