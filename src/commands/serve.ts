import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import {CloktaError} from '../errors.js'

export default class Serve extends CloktaCommand {
  static override summary = "Serve a profile's credentials to other programs on this machine, renewed before they expire, until Ctrl-C."
  static override description = `Logs in as clokta -p does (prompting here if needed), then serves the credentials as a container credentials endpoint (what ECS provides) on 127.0.0.1 at a random port, behind a random token. It prints the variables that point the AWS SDKs and CLI at it: export them in another shell. Long-running programs then get fresh credentials without restarting: clokta renews them in the background through the Okta session kept in the keychain, and never prompts. When a renewal needs a prompt, requests get 503 once the credentials held expire: run clokta -p <profile> in a terminal and the server picks the new ones up. Ends on Ctrl-C, SIGTERM or SIGHUP.`

  static override examples = ['clokta serve -p website', 'clokta serve -p website > /tmp/website.vars &  . /tmp/website.vars']

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile whose credentials to serve. Default: $AWS_PROFILE.', env: 'AWS_PROFILE'}),
    ...loginFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const profile = flags.profile?.trim()
    if (!profile) throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta serve -p website')
    const [{createDeps}, {openWorld}, {credentialsFor}, {serveProfile}, {shellQuote}] = await Promise.all([
      import('../flow/deps.js'),
      import('../config/world.js'),
      import('../flow/credentials-for.js'),
      import('../serve/serve-profile.js'),
      import('../output/shell-script.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    const login = toLoginFlags(flags)
    let first
    try {
      first = await credentialsFor(profile, login, deps, openWorld(process.env))
    } finally {
      // the first login was the last that may use the terminal
      deps.close()
    }
    const server = await serveProfile(first, login, deps, (line) => process.stderr.write(this.redact(`${line}\n`)))
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolve(s))
      for (const [name, value] of server.variables) this.log(`export ${name}=${shellQuote(value)}`)
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
