'use strict'

// The oldest Node clokta runs on: package.json's engines, which a test keeps equal to it. npm
// only warns when it installs clokta on an older one, where a run would then fail on something
// that names neither (the native addons are loaded through process.getBuiltinModule, Node 20.16).
const MINIMUM = [20, 17, 0]

/**
 * The lines to print for a node older than MINIMUM, or undefined when it is recent enough (or
 * its version is no plain x.y.z, which a nightly or a fork may carry: it runs as it can).
 * @param {string} version process.version
 * @returns {string | undefined}
 */
function tooOld(version) {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!parts) return undefined
  const [major, minor, patch] = parts.slice(1).map(Number)
  if ((major - MINIMUM[0] || minor - MINIMUM[1] || patch - MINIMUM[2]) >= 0) return undefined
  return `clokta: Node.js ${version} is too old: clokta needs ${MINIMUM.join('.')} or later.\n  Install a newer Node.js, then run clokta again.\n`
}

module.exports = {MINIMUM, tooOld}
