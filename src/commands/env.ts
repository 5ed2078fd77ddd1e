import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import {shownName} from '../config/profile-name.js'
import {openWorld} from '../config/world.js'
import {CloktaError} from '../errors.js'
import {credentialsFor} from '../flow/credentials-for.js'
import {createDeps} from '../flow/deps.js'
import {exportedVariables, PROFILE_VARIABLES} from '../output/child-environment.js'
import {ENV_FORMATS, renderEnvironment} from '../output/env-formats.js'

export default class Env extends CloktaCommand {
  static override summary = "Print a profile's temporary AWS credentials as variables to set in a shell or a program."
  static override description = `Logs in as "clokta -p <profile>" does (still-valid credentials are reused; prompts go to the terminal), then prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION and the profile's AWS_REGION/AWS_DEFAULT_REGION, and nothing else, on stdout. The shell formats also unset AWS_PROFILE and AWS_DEFAULT_PROFILE, which would otherwise win over the keys.
Formats: sh (bash, zsh, dash...: eval "$(clokta env -p X)"), fish (clokta env -p X --format fish | source), powershell (clokta env -p X --format powershell | Invoke-Expression), dotenv (docker-compose env_file, dotenv), json (one object).`

  static override examples = [
    'eval "$(clokta env -p website)"',
    'clokta env -p website --format fish | source',
    'clokta env -p website --format powershell | Invoke-Expression',
    'clokta env -p website --format dotenv > .env',
  ]

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile whose credentials to print. Default: $AWS_PROFILE.'}),
    format: Flags.string({description: 'How to print them.', options: [...ENV_FORMATS], default: 'sh'}),
    ...loginFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Env)
    const profile = flags.profile ?? process.env.AWS_PROFILE?.trim()
    if (!profile)
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: eval "$(clokta env -p website)"')
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      if (!flags.profile) deps.log.info(`Using profile '${shownName(profile)}' from AWS_PROFILE`)
      const handed = await credentialsFor(profile, toLoginFlags(flags), deps, openWorld(process.env))
      // rendered whole before anything is written: a value that cannot be written leaves stdout empty
      const text = renderEnvironment(flags.format as (typeof ENV_FORMATS)[number], exportedVariables(handed), PROFILE_VARIABLES)
      process.stdout.write(text)
    } finally {
      deps.close()
    }
  }
}
