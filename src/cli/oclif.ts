/**
 * @oclif/core and clokta's help class as one CommonJS file, dist/cli/oclif.cjs
 * (scripts/bundle.mjs). bin/run.cjs compiles it with a V8 code cache made at build time,
 * which an ES module cannot have on Node 20, and registers it in require.cache; the commands
 * (ES modules) import @oclif/core through scripts/oclif-core.mjs, which requires this same
 * file, so a run loads one copy of oclif.
 */
export * from '@oclif/core'
export {default as CloktaHelp} from './help.js'
