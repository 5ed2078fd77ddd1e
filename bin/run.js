#!/usr/bin/env node
import module from 'node:module'

// V8's compile cache (Node >= 22.1; Node 20 has none): later starts skip compiling the bundle.
/** @type {{enableCompileCache?: () => unknown}} */
const compileCache = module
compileCache.enableCompileCache?.()

// `clokta -p website` is the login command. oclif cannot give a root command flags and
// keep subcommands, so a run that starts with a flag (other than help/version) is routed to
// `login`; `clokta -p website --help` then shows login's help.
const args = process.argv.slice(2)
// oclif knows -h only through package.json's additionalHelpFlags.
const rootFlags = new Set(['--help', '-h', '--version'])
if (args.length > 0 && args[0].startsWith('-') && !rootFlags.has(args[0])) args.unshift('login')
// A bare `clokta` logs in $AWS_PROFILE, as the original did; without it oclif shows the root help.
if (args.length === 0 && process.env.AWS_PROFILE?.trim()) args.push('login')
// dist/ is bundled (scripts/bundle.mjs): with --debug, the source maps beside it make a stack
// trace point at src/. Turned on before the bundle loads, since only files loaded later are mapped.
if (args.some((a) => a === '--debug' || a === '-v' || a === '--verbose')) process.setSourceMapsEnabled(true)

const {run} = await import('../dist/cli/main.js')
await run(args, import.meta.url)
