import {spawnSync} from 'node:child_process'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

// bin/oclif.cjs compiles dist/cli/oclif.cjs with the V8 code cache the build made, puts it in
// require.cache, and the commands (ES modules) get @oclif/core from there
// (scripts/oclif-core.mjs). Run in a child, as bin/run.cjs runs it: a cache V8 rejects, or
// commands with an @oclif/core of their own, would still work, only slower, so they are
// checked here.
const root = new URL('../..', import.meta.url).pathname

function node(script: string): {status: number | null; stdout: string; stderr: string} {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: {PATH: process.env.PATH, HOME: root},
  })
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}

test("the build's code cache is accepted, oclif's import() works, and the commands extend the same @oclif/core the run loaded", () => {
  const r = node(`
    import {createRequire} from 'node:module'
    const require = createRequire(${JSON.stringify(root + '/')})
    const {loadOclif} = require('./bin/oclif.cjs')
    const {exports: oclif, script} = loadOclif()
    const {default: Env} = await import('./dist/commands/env.js')
    const {default: Help} = require('./dist/cli/help.cjs')
    // oclif's import() of a hook, which V8 breaks inside a script compiled from a cache (see scripts/bundle.mjs)
    const config = await oclif.Config.load(${JSON.stringify(root)})
    const hook = await oclif.ModuleLoader.load(config, ${JSON.stringify(root + '/dist/cli/command-not-found.js')})
    console.log(JSON.stringify({
      rejected: script.cachedDataRejected,
      sameCommand: Env.prototype instanceof oclif.Command,
      sameHelp: Help.prototype instanceof oclif.Help,
      hook: typeof hook.default,
      once: Object.keys(require.cache).filter((f) => f.endsWith('oclif.cjs') && f.includes('dist')).length,
    }))
  `)
  assert.is(r.status, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout), {rejected: false, sameCommand: true, sameHelp: true, hook: 'function', once: 1})
})

test('with source maps on (--debug), the file loads with a plain require() and still serves import()', () => {
  const r = node(`
    import {createRequire} from 'node:module'
    const require = createRequire(${JSON.stringify(root + '/')})
    const {loadOclif} = require('./bin/oclif.cjs')
    const {exports: oclif, script} = loadOclif({sourceMaps: true})
    const {default: Env} = await import('./dist/commands/env.js')
    const config = await oclif.Config.load(${JSON.stringify(root)})
    const hook = await oclif.ModuleLoader.load(config, ${JSON.stringify(root + '/dist/cli/command-not-found.js')})
    console.log(JSON.stringify({script: script === undefined, sameCommand: Env.prototype instanceof oclif.Command, hook: typeof hook.default}))
  `)
  assert.is(r.status, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout), {script: true, sameCommand: true, hook: 'function'})
})

test('clokta --help loads none of the node modules oclif requires only for other runs (scripts/oclif-patches.mjs)', () => {
  // CommonJS, as bin/run.cjs: an ES module script would load node's ES module resolver itself
  const script = `
    process.stdout.write = () => true
    require('./bin/oclif.cjs').runOclif(['--help']).then(() => {
      const loaded = process.moduleLoadList.filter((m) => /^NativeModule (fs\\/promises|readline|perf_hooks|internal\\/modules\\/esm\\/resolve)$/.test(m))
      process.stderr.write(JSON.stringify(loaded))
    })
  `
  const r = spawnSync(process.execPath, ['-e', script], {cwd: root, encoding: 'utf8', env: {PATH: process.env.PATH, HOME: root}})
  assert.is(r.status, 0, r.stderr)
  assert.equal(JSON.parse(r.stderr), [])
})

test.run()
