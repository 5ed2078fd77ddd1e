#!/usr/bin/env node
'use strict'

// CommonJS on purpose: the AWS CLI runs `clokta credential-process` for every command it
// runs, and an ES module entry alone costs ~10% of a bare node start. Still-valid
// credentials are served from one bundled file (src/fast, built by npm run build) before
// oclif loads; every other run, and any doubt, goes to the oclif entry, bin/run.js.
const full = () => void import('./run.js')

/** @returns {Promise<string | undefined>} the JSON, or undefined when the full command must run */
async function stillValidJson() {
  if (process.argv[2] !== 'credential-process') return undefined
  /** @type {{stillValidJson(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<string | undefined>}} */
  const fast = require('../dist/fast/credential-process.cjs')
  return fast.stillValidJson(process.argv.slice(3), process.env, Date.now())
}

stillValidJson().then(
  (json) => (json === undefined ? full() : process.stdout.write(json)),
  () => full(),
)
