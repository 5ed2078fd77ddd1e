import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import * as json from '../cli/login-json.js'
import {exportLine, loginSummary} from '../cli/summary.js'
import {shownName} from '../config/profile-name.js'
import {openWorld} from '../config/world.js'
import {CloktaError} from '../errors.js'
import {createDeps} from '../flow/deps.js'
import {login} from '../flow/login.js'
import {DEFAULT_PROFILE_TEMPLATE} from '../flow/login-all-roles.js'

const {role, 'no-default-role': noDefaultRole, ...laterLoginFlags} = loginFlags

export default class Login extends CloktaCommand {
  static override summary = 'Log in through Okta and write temporary AWS credentials for a profile.'
  static override description = `Reads ~/.clokta/clokta.cfg (asking for what is missing on first run), logs in to Okta with your password and MFA, lets you pick an AWS role, and writes:
  - the [<profile>] section of ~/.aws/credentials   (export AWS_PROFILE=<profile>)
  - ~/.clokta/<profile>.env                          (docker-compose env_file)
  - ~/.clokta/<profile>.sh                           (source it in scripts)
An IAM Identity Center profile of ~/.aws/config (sso_session or sso_start_url) signs in there instead, sharing the AWS CLI's token cache.
A profile chained in ~/.aws/config (role_arn + source_profile) is reached by AssumeRole from its source profile. Several -p, or --all-roles, share one Okta login.
"clokta -p <profile>" runs this command, and so does a bare "clokta" when AWS_PROFILE is set.`

  static override examples = [
    'clokta -p website',
    'clokta -p website --role Developer --duration 4h',
    'clokta -p website -p billing',
    'eval $(clokta -p website -q)',
    'clokta -p website --all-roles --profile-template "{account}-{role}"',
    'okta_password=... clokta -p website --mfa "Google Authenticator" --mfa-code 123456',
  ]

  static override flags = {
    // Not `env: 'AWS_PROFILE'`: oclif hands a multiple flag's env value over as a plain
    // string, which would be walked letter by letter. Non-greedy, so a stray word after
    // `-p website` is an error rather than a second profile logged in.
    profile: Flags.string({
      char: 'p',
      description: 'Profile to write (letters, digits, . _ -); repeat for several. Default: $AWS_PROFILE.',
      multiple: true,
      multipleNonGreedy: true,
    }),
    'inline-help': Flags.boolean({char: 'i', description: 'Also show how to use the credentials (docker-compose, scripts, shell).', default: false}),
    quiet: Flags.boolean({
      char: 'q',
      description:
        'Print nothing but "export AWS_PROFILE=<profile>" (the first -p) on stdout, for eval $(clokta -p <profile> -q); prompts still reach the terminal.',
      default: false,
    }),
    'list-accounts': Flags.boolean({
      description: 'List the clokta.cfg profiles that have an aws_account_number, as "<profile> = <number>", and log in to none.',
      default: false,
    }),
    // the role's two first, where the usage line has always listed them
    role,
    'no-default-role': noDefaultRole,
    'all-roles': Flags.boolean({
      description:
        'Write a profile for every role the Okta app offers, named by --profile-template; each remembers its role. Without -p: the app in okta_aws_app_url (environment or [DEFAULT]).',
      default: false,
    }),
    'profile-template': Flags.string({
      description:
        'Names for --all-roles profiles: {account} (its name from [accounts] in clokta.cfg, else its id), {account_id}, {role}. Default: {account}-{role}.',
    }),
    ...laterLoginFlags,
    json: Flags.boolean({
      description: 'Print the result as JSON on stdout (profiles, roles, expiry, files written, errors; no secrets). Human lines stay on stderr.',
      default: false,
      exclusive: ['quiet', 'inline-help'],
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Login)
    if (flags['list-accounts']) {
      const {listAccountNumbers, listAccountsJson} = await import('../cli/list-accounts.js')
      if (flags.json) process.stdout.write(await listAccountsJson())
      else for (const line of await listAccountNumbers()) this.log(line)
      return
    }
    const fromEnv = process.env.AWS_PROFILE?.trim()
    const profiles = flags.profile ?? (fromEnv ? [fromEnv] : [])
    if (profiles.length === 0 && !flags['all-roles']) {
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta -p website')
    }
    const deps = createDeps({debug: flags.debug, quiet: flags.quiet, version: this.config.version, secrets: this.secrets})
    if (!flags.profile) deps.log.info(`Using profile '${shownName(profiles[0])}' from AWS_PROFILE`)
    try {
      const result = await login(
        profiles,
        toLoginFlags(flags),
        deps,
        openWorld(process.env),
        flags['all-roles'] ? {template: flags['profile-template'] ?? DEFAULT_PROFILE_TEMPLATE} : undefined,
      ).catch((error: unknown) => {
        if (flags.json) process.stdout.write(json.jsonText(json.runFailureJson(profiles, error, (t) => this.redact(t))))
        throw error
      })
      if (flags.json) process.stdout.write(json.jsonText(json.loginJson(result, (t) => this.redact(t))))
      if (result.outcomes.length > 0) deps.log.info(loginSummary(result.outcomes, flags['inline-help'], new Date(deps.clock.now())))
      if (flags.quiet && result.outcomes.some((o) => o.profile === profiles[0])) this.log(exportLine(profiles[0]))
      if (result.failures.length > 0) {
        for (const {profile, error} of result.failures)
          process.stderr.write(this.redact(`clokta: profile ${shownName(profile)}: ${(error as Error).message}\n`))
        const total = result.failures.length + result.outcomes.length
        const summary =
          result.outcomes.length === 0
            ? `All ${total} profiles failed.`
            : `${result.failures.length} of ${total} profiles failed; the others were written.`
        throw new CloktaError(summary, 'sts')
      }
    } finally {
      deps.close()
    }
  }
}
