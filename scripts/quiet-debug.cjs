'use strict'
// Stands in for the `debug` package inside dist/cli/oclif.cjs (scripts/bundle.mjs), where
// oclif's logger is its only user and only calls the debuggers it makes. debug reads DEBUG
// once, as its module loads, to decide which namespaces print, and oclif never calls
// debug.enable(): with DEBUG unset or empty nothing can ever print, yet loading debug (and
// its setup) costs every oclif start a millisecond or two. The real module loads whenever
// DEBUG is set, so `DEBUG=* clokta ...` prints what it always did.

/** @param {string} namespace */
function disabled(namespace) {
  return Object.assign(() => undefined, {
    namespace,
    enabled: false,
    /** @param {string} name @param {string} [delimiter] */
    extend: (name, delimiter = ':') => disabled(`${namespace}${delimiter}${name}`),
    destroy: () => false,
  })
}

module.exports = process.env.DEBUG ? require('debug') : Object.assign(disabled, {default: disabled, debug: disabled})
