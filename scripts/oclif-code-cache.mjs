// Run by `npm run build`, after `oclif manifest`: V8's code cache for dist/cli/oclif.cjs
// (@oclif/core and the help class), which bin/oclif.cjs hands to V8 with the file. It is
// made after the root help and a command's help have rendered in this process, the way a
// run loads them, so the functions they run are in it, compiled: `clokta --help` then
// spends no time compiling oclif. A node whose V8 differs rejects it.
import {rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import process from 'node:process'

const require = createRequire(import.meta.url)
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a require()d file has no type here
const {loadOclif, loadOptions} = require('../bin/oclif.cjs')
const file = require.resolve('../dist/cli/oclif.cjs')
rmSync(`${file}.cache`, {force: true})

const {exports: oclif, script} = loadOclif({cache: false})
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = () => true
try {
  for (const args of [['--help'], ['login', '--help']]) await oclif.execute({args, loadOptions: loadOptions()})
} finally {
  process.stdout.write = write
}
writeFileSync(`${file}.cache`, script.createCachedData())
