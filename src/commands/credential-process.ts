import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'

export default class CredentialProcess extends CloktaCommand {
  static override summary = "Print a profile's credentials as the JSON of ~/.aws/config's credential_process."
  static override description = `For the AWS CLI and SDKs: in ~/.aws/config,
  [profile website-cli]
  credential_process = clokta credential-process -p website
Still-valid credentials are printed at once, without loading the rest of clokta; otherwise it logs in as "clokta -p" does (the Okta session first, prompts on the terminal, the files written), then prints them. Only the JSON goes to stdout.`

  static override examples = ['clokta credential-process -p website', 'aws s3 ls --profile website-cli']

  static override flags = {
    // Required, not $AWS_PROFILE: the AWS CLI's AWS_PROFILE names the profile that runs this, not the one to log in.
    profile: Flags.string({char: 'p', description: 'Profile whose credentials to print.', required: true}),
    role: Flags.string({description: 'Role to assume: its ARN, its name, or <account id>/<name>. Not remembered.'}),
    duration: Flags.string({aliases: ['session-ttl'], description: "How long the SAML role's credentials last (15m to 12h)."}),
    'assume-role-ttl': Flags.string({description: 'How long chained roles (role_arn + source_profile) last; AWS allows at most 1h.'}),
    mfa: Flags.string({description: 'MFA factor to use when a login is needed, e.g. "Okta Verify with Push" or "Google Authenticator".'}),
    'mfa-code': Flags.string({description: 'One-time code for a code factor, tried once.'}),
    'push-timeout': Flags.integer({description: 'Seconds to wait for an Okta Verify push to be approved.', default: 60, min: 1}),
    'min-remaining': Flags.string({
      description: 'Log in again when the credentials expire sooner than this (default 10m; clokta.cfg: refresh_before).',
    }),
    'no-session': Flags.boolean({description: 'Do not reuse the Okta session kept in the keychain.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(CredentialProcess)
    const [{createDeps}, {openWorld}, {credentialsFor}, {credentialProcessJson}] = await Promise.all([
      import('../flow/deps.js'),
      import('../config/world.js'),
      import('../flow/credentials-for.js'),
      import('../output/process-json.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      const {credentials} = await credentialsFor(
        flags.profile,
        {
          role: flags.role,
          duration: flags.duration,
          assumeRoleTtl: flags['assume-role-ttl'],
          mfa: flags.mfa,
          mfaCode: flags['mfa-code'],
          noDefaultRole: false,
          pushTimeoutSeconds: flags['push-timeout'],
          minRemaining: flags['min-remaining'],
          force: false,
          noSession: flags['no-session'],
        },
        deps,
        openWorld(process.env),
      )
      process.stdout.write(credentialProcessJson(credentials))
    } finally {
      deps.close()
    }
  }
}
