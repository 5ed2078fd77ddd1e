import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {CloktaError} from '../errors.js'

export default class Serve extends CloktaCommand {
  static override summary = "Serve a profile's credentials to other programs on this machine, renewed before they expire, until Ctrl-C."
  static override description = `Logs in as clokta -p does (prompting here if needed), then serves the credentials as a container credentials endpoint (what ECS provides) on 127.0.0.1 at a random port, behind a random token. It prints the variables that point the AWS SDKs and CLI at it: export them in another shell. Long-running programs then get fresh credentials without restarting: clokta renews them in the background through the Okta session kept in the keychain, and never prompts. When a renewal needs a prompt, requests get 503 once the credentials held expire: run clokta -p <profile> in a terminal and the server picks the new ones up. Ends on Ctrl-C, SIGTERM or SIGHUP.`

  static override examples = ['clokta serve -p website', 'clokta serve -p website > /tmp/website.vars &  . /tmp/website.vars']

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile whose credentials to serve. Default: $AWS_PROFILE.', env: 'AWS_PROFILE'}),
    role: Flags.string({description: 'Role to assume: its ARN, its name, or <account id>/<name>. Not remembered.'}),
    duration: Flags.string({description: "How long the SAML role's credentials last: seconds, or 1h, 90m... (15m to 12h)."}),
    'assume-role-ttl': Flags.string({description: 'How long chained roles (role_arn + source_profile) last; AWS allows at most 1h. Default: 1h.'}),
    mfa: Flags.string({description: 'MFA factor to use for the first login, e.g. "Okta Verify with Push" or a factor type such as push.'}),
    'mfa-code': Flags.string({description: 'One-time code for a code factor, for the first login.'}),
    'push-timeout': Flags.integer({description: 'Seconds to wait for an Okta Verify push to be approved.', default: 60, min: 1}),
    force: Flags.boolean({description: 'Log in first even though the credentials are still valid.', default: false}),
    'no-session': Flags.boolean({description: 'Do not reuse the Okta session kept in the keychain for the first login.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const profile = flags.profile?.trim()
    if (!profile) throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta serve -p website')
    const [{createDeps}, {openWorld}, {credentialsFor}, {startCredentialServer}, {profileRefresh}, {containerVariables}, {shellQuote}] =
      await Promise.all([
        import('../flow/deps.js'),
        import('../config/world.js'),
        import('../flow/credentials-for.js'),
        import('../serve/credential-server.js'),
        import('../serve/profile-refresh.js'),
        import('../serve/container-variables.js'),
        import('../output/shell-script.js'),
      ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    const loginFlags = {
      role: flags.role,
      duration: flags.duration,
      assumeRoleTtl: flags['assume-role-ttl'],
      mfa: flags.mfa,
      mfaCode: flags['mfa-code'],
      noDefaultRole: false,
      pushTimeoutSeconds: flags['push-timeout'],
      force: flags.force,
      noSession: flags['no-session'],
    }
    let first
    try {
      first = await credentialsFor(profile, loginFlags, deps, openWorld(process.env))
    } finally {
      // the first login was the last that may use the terminal
      deps.close()
    }
    // renewals reuse the session the first login kept, whatever --no-session said for that one
    const server = await startCredentialServer({
      profile,
      initial: first.credentials,
      source: profileRefresh(profile, {...loginFlags, noSession: false, mfaCode: undefined}, deps, process.env),
      clock: deps.clock,
      say: (line) => process.stderr.write(this.redact(`${line}\n`)),
    })
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolve(s))
      for (const [name, value] of containerVariables(server, first.region)) this.log(`export ${name}=${shellQuote(value)}`)
      deps.log.info(
        `Serving the credentials of profile ${profile} at ${server.url}, renewed before they expire. Export the lines above where the AWS tools run (AWS_PROFILE and AWS_ACCESS_KEY_ID unset). Ctrl-C ends it.`,
      )
    })
    await server.close()
    deps.log.info(`Stopped serving the credentials of profile ${profile} (${signal}).`)
    // a renewal under way (a login waiting on Okta) is abandoned rather than waited for
    setTimeout(() => process.exit(0), 200).unref()
  }
}
