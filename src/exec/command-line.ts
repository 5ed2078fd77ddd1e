import {shownName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'

/**
 * clokta's own arguments and the command after the first `--`. The command must come after
 * `--`: without it, the command's own flags (aws --profile, terraform -v) would be taken for
 * clokta's.
 */
export function splitCommandLine(argv: string[]): {own: string[]; command: string[]} {
  const at = argv.indexOf('--')
  return at < 0 ? {own: argv, command: []} : {own: argv.slice(0, at), command: argv.slice(at + 1)}
}

export function refuseStrayArguments(stray: string[]): void {
  if (stray.length === 0) return
  throw new CloktaError(`Put the command after "--": clokta exec -p <profile> -- ${shownName(stray.join(' '))}`, 'usage')
}

/**
 * What to run: the command given, or else the user's shell ($SHELL, else /bin/sh) with the
 * credentials, as aws-vault does: `clokta exec -p X` alone is the quickest way to a shell
 * that has them, and the marker keeps a second one from being started inside it.
 */
export function commandToRun(command: string[], env: NodeJS.ProcessEnv): {file: string; args: string[]; shell: boolean} {
  if (command.length > 0) return {file: command[0], args: command.slice(1), shell: false}
  return {file: env.SHELL || '/bin/sh', args: [], shell: true}
}
