import type {Hook} from '@oclif/core'

/**
 * `clokta website` is a likely slip for `clokta -p website`: say so in one line instead of
 * oclif's multi-line "command not found".
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const looksLikeProfile = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(options.id)
  process.stderr.write(
    `clokta: There is no command "${options.id}".${looksLikeProfile ? ` To log in to that profile: clokta -p ${options.id}` : ''}\n  See: clokta --help\n`,
  )
  process.exitCode = 2
}

export default hook
