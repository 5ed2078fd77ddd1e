import type {Hook} from '@oclif/core'

import {closestCommand} from './closest-command.js'

/**
 * `clokta lgoin` is a slip for `clokta login`, and `clokta website` one for `clokta -p
 * website`: say so in one line (and a hint) instead of oclif's multi-line "command not found".
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const looksLikeProfile = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(options.id)
  const meant = closestCommand(options.id, options.config.commandIDs)
  const head = `clokta: There is no command "${options.id}".`
  const profileHint = `clokta -p ${options.id}`
  process.stderr.write(
    meant
      ? `${head} Did you mean clokta ${meant}?\n${looksLikeProfile ? `  To log in to a profile named ${options.id}: ${profileHint}\n` : ''}`
      : `${head}${looksLikeProfile ? ` To log in to that profile: ${profileHint}` : ''}\n  See: clokta --help\n`,
  )
  process.exitCode = 2
}

export default hook
