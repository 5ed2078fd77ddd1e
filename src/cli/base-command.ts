import {Command, Flags} from '@oclif/core'

import {CloktaError} from '../errors.js'
import {redact} from '../io/log.js'

/** --debug as typed, or as the original clokta's -v/--verbose: read from argv, since catch() also sees runs whose flags did not parse. */
const DEBUG_FLAGS = new Set(['--debug', '-v', '--verbose'])

/**
 * Shared by every command: --debug (-v, --verbose), and errors printed as one `clokta: …` line (plus a
 * hint line) with a non-zero exit, never a stack trace unless --debug. oclif's own printer
 * wraps and adds "Caused by"/"Code" lines, so it is bypassed.
 */
export abstract class CloktaCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({
      char: 'v',
      aliases: ['verbose'],
      description: 'Log each HTTP request (secrets redacted) and where each setting came from. -v and --verbose are the same.',
      default: false,
    }),
  }

  /**
   * Every secret the run has seen (password, tokens, the SAML assertion, keys, the TOTP
   * seed): the logger registers them here, so that an error that quotes one (an STS error
   * echoing the request) is redacted in the last line and the --debug stack as in the log.
   */
  protected readonly secrets = new Set<string>()

  protected redact(text: string): string {
    return redact(text, this.secrets)
  }

  override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    const debug = this.argv.some((a) => DEBUG_FLAGS.has(a))
    let message: string
    let hint: string | undefined
    let exitCode: number
    if (error instanceof CloktaError) {
      message = error.message
      hint = error.hint
      exitCode = error.exitCode
    } else if (error.oclif?.exit !== undefined) {
      // flag parsing errors span several lines (a header, the reason, a help pointer): keep the substance
      message = error.message
        .split('\n')
        .map((l) => l.trim().replace(/^Error: /, ''))
        .filter((l) => l && !/^See more help with/.test(l) && l !== 'The following error occurred:')
        .join(': ')
      hint = `See: clokta ${this.id ?? ''} --help`.replace(/\s+--/, ' --')
      exitCode = error.oclif.exit === 0 ? 0 : 2
    } else {
      message = `Unexpected error: ${error.message}`
      hint = debug ? undefined : 'Run again with --debug for details.'
      exitCode = 1
    }
    if (exitCode === 0) return
    process.stderr.write(this.redact(`clokta: ${message}\n` + (hint ? `  ${hint}\n` : '')))
    if (debug && error.stack) process.stderr.write(this.redact(error.stack) + '\n')
    process.exitCode = exitCode
    // a cancelled run ends now: a page still loading or STS still answering is abandoned, not waited for
    if (error instanceof CloktaError && error.code === 'cancelled') process.exit()
  }
}
