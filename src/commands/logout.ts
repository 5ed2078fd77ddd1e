import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {CloktaError} from '../errors.js'

export default class Logout extends CloktaCommand {
  static override summary = 'Forget the Okta password, session and tokens kept in the OS keychain; end IAM Identity Center sign-ins.'
  static override description =
    "For the profile's Okta org and username, or for all of them with --all. Sessions are also ended at Okta, and an Identity Engine org's tokens revoked there (forgotten here even when Okta cannot be told). For an IAM Identity Center profile, its sign-in is ended at IAM Identity Center and its token removed from ~/.aws/sso/cache, as aws sso logout does: that sign-in is shared by the profiles of its sso-session and by the AWS CLI, which all sign in again next time, as every profile of an Okta org does after its session ends; --all ends every sign-in of ~/.aws/config's profiles. AWS credentials already written are left to expire. An authenticator seed kept with configure --totp-seed stays (configure --forget-totp-seed removes it), and so does the password the Python clokta kept, which clokta stops using."
  static override examples = ['clokta logout -p website', 'clokta logout -p dev   # an IAM Identity Center profile', 'clokta logout --all']

  static override flags = {
    profile: Flags.string({
      char: 'p',
      description: "Forget what is kept for this profile's Okta org and username, or end its IAM Identity Center sign-in.",
      env: 'AWS_PROFILE',
    }),
    all: Flags.boolean({description: 'Forget everything clokta keeps in the keychain, and end every IAM Identity Center sign-in.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Logout)
    if (!flags.all && !flags.profile) throw new CloktaError('Log out of what? Give -p <profile>, or --all.', 'usage')
    const [{createDeps}, {openWorld}, {logout}, {describeLogout, logoutFailures, logoutFailureHint}] = await Promise.all([
      import('../flow/deps.js'),
      import('../config/world.js'),
      import('../flow/logout.js'),
      import('../flow/logout-report.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      const report = await logout({profile: flags.profile, all: flags.all}, deps, openWorld(process.env))
      // Exit 0 when there is no keychain or nothing in it: what the user wanted, that this
      // machine keeps nothing to log in with, holds, and a script ending a session must not fail on it.
      for (const line of describeLogout(report)) deps.log.info(line)
      if (!report.reachable) deps.log.info(deps.keychain.notice('nothing is kept, so there is nothing to forget'))
      // everything else was done; each thing left undone is one line, the last the error that sets the exit status
      const failures = logoutFailures(report)
      const last = failures.pop()
      for (const line of failures) process.stderr.write(this.redact(`clokta: ${line}\n`))
      if (last !== undefined) throw new CloktaError(last, 'config', logoutFailureHint(report))
    } finally {
      deps.close()
    }
  }
}
