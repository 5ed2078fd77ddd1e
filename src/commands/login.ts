import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {CloktaError} from '../errors.js'

export default class Login extends CloktaCommand {
  static override summary = 'Log in through Okta and write temporary AWS credentials for a profile.'
  static override description = `Reads ~/.clokta/clokta.cfg (asking for what is missing on first run), logs in to Okta with your password and MFA, lets you pick an AWS role, and writes:
  - the [<profile>] section of ~/.aws/credentials   (export AWS_PROFILE=<profile>)
  - ~/.clokta/<profile>.env                          (docker-compose env_file)
  - ~/.clokta/<profile>.sh                           (source it in scripts)
"clokta -p <profile>" runs this command.`

  static override examples = [
    'clokta -p website',
    'clokta -p website --role Developer --duration 4h',
    'okta_password=... clokta -p website --mfa "Google Authenticator" --mfa-code 123456',
  ]

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile to write (letters, digits, . _ -). Default: $AWS_PROFILE.', env: 'AWS_PROFILE'}),
    'inline-help': Flags.boolean({char: 'i', description: 'Also show how to use the credentials (docker-compose, scripts, shell).', default: false}),
    role: Flags.string({description: 'Role to assume: its ARN, its name, or <account id>/<name>. Not remembered.'}),
    'no-default-role': Flags.boolean({description: 'Ask for the role again instead of using the remembered one.', default: false}),
    duration: Flags.string({description: "How long the credentials last: seconds, or 1h, 90m... (900s to 12h). Default: the Okta app's SessionDuration, else 12h."}),
    mfa: Flags.string({
      description: 'MFA factor to use: "Okta Verify with Push", "Okta Verify", "Google Authenticator", "SMS text message", "Voice call", "Email", "YubiKey", "RSA SecurID", "Symantec VIP", or a factor type such as push.',
    }),
    'mfa-provider': Flags.string({description: 'Only factors of this Okta provider (OKTA, GOOGLE, YUBICO, RSA, SYMANTEC), as aws-okta has it.'}),
    'mfa-factor-type': Flags.string({description: 'Only factors of this Okta type (push, token:software:totp, sms, call, email, token:hardware, token).'}),
    'mfa-code': Flags.string({description: 'One-time code for a code factor (authenticator app, YubiKey, token), for scripts; tried once.'}),
    'push-timeout': Flags.integer({description: 'Seconds to wait for an Okta Verify push to be approved.', default: 60, min: 1}),
    force: Flags.boolean({description: 'Log in even though the credentials are still valid.', default: false}),
    'min-remaining': Flags.string({description: 'Log in again only when the credentials expire sooner than this (default 10m; clokta.cfg: refresh_before).'}),
    'no-session': Flags.boolean({description: 'Do not reuse the Okta session kept in the keychain for this run.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Login)
    if (!flags.profile) {
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta -p website')
    }
    // Heavy modules load here, after parsing: `clokta --help` never pays for them.
    const [{createDeps}, {loginProfile}, {loginSummary}] = await Promise.all([
      import('../flow/deps.js'),
      import('../flow/login-profile.js'),
      import('../cli/summary.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version})
    try {
      const outcome = await loginProfile(
        flags.profile,
        {
          role: flags.role,
          duration: flags.duration,
          mfa: flags.mfa,
          mfaProvider: flags['mfa-provider'],
          mfaFactorType: flags['mfa-factor-type'],
          mfaCode: flags['mfa-code'],
          noDefaultRole: flags['no-default-role'],
          pushTimeoutSeconds: flags['push-timeout'],
          minRemaining: flags['min-remaining'],
          force: flags.force,
          noSession: flags['no-session'],
        },
        deps,
      )
      deps.log.info(loginSummary(outcome, flags['inline-help']))
    } finally {
      deps.close()
    }
  }
}
