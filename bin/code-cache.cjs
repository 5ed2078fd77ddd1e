'use strict'

/**
 * The V8 code cache the build made for a bundled file, or undefined when it may not be that
 * file's. V8 checks a cache against the length of the source only, so a same-length edit of
 * the bundle (a hotfix, patch-package, a build whose cache step failed) would run the old code:
 * a cache older than its file is not used. The build writes the cache after the file, and
 * npm's tarballs give both the same time, so a fresh cache is never older.
 * @param {string} file
 * @returns {Buffer | undefined}
 */
function freshCodeCache(file) {
  const {readFileSync, statSync} = require('node:fs')
  const cache = statSync(`${file}.cache`, {throwIfNoEntry: false})
  const source = statSync(file, {throwIfNoEntry: false})
  if (!cache || !source || cache.mtimeMs < source.mtimeMs) return undefined
  return readFileSync(`${file}.cache`)
}

module.exports = {freshCodeCache}
