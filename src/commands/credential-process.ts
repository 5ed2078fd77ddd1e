import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import {openWorld} from '../config/world.js'
import {credentialsFor} from '../flow/credentials-for.js'
import {createDeps} from '../flow/deps.js'
import {credentialProcessJson} from '../output/process-json.js'

// The AWS CLI runs this for every command: a forced login or a role question each time would make every aws command a login.
const {force: _force, 'no-default-role': _noDefaultRole, ...processLoginFlags} = loginFlags

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
    ...processLoginFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(CredentialProcess)
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      const {credentials} = await credentialsFor(
        flags.profile,
        toLoginFlags({...flags, force: false, 'no-default-role': false}),
        deps,
        openWorld(process.env),
      )
      process.stdout.write(credentialProcessJson(credentials))
    } finally {
      deps.close()
    }
  }
}
