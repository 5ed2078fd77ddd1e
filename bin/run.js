#!/usr/bin/env node
import {execute} from '@oclif/core'

// `clokta -p website` is the login command. oclif cannot give a root command flags and
// keep subcommands, so a run that starts with a flag (other than help/version) is routed to
// `login`; `clokta -p website --help` then shows login's help.
const args = process.argv.slice(2)
// oclif knows -h only through package.json's additionalHelpFlags.
const rootFlags = new Set(['--help', '-h', '--version'])
if (args.length > 0 && args[0].startsWith('-') && !rootFlags.has(args[0])) args.unshift('login')
// A bare `clokta` logs in $AWS_PROFILE, as the original did; without it oclif shows the root help.
if (args.length === 0 && process.env.AWS_PROFILE?.trim()) args.push('login')

await execute({dir: import.meta.url, args})
