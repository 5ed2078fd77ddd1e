import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {CloktaError} from '../errors.js'

export default class Logout extends CloktaCommand {
  static override summary = 'Forget the Okta password and session kept in the OS keychain.'
  static override description = "For the profile's Okta org and username, or for all of them with --all. Sessions are also ended at Okta. AWS credentials already written are left to expire. An authenticator seed kept with configure --totp-seed stays (configure --forget-totp-seed removes it)."
  static override examples = ['clokta logout -p website', 'clokta logout --all']

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Forget what is kept for this profile\'s Okta org and username.', env: 'AWS_PROFILE'}),
    all: Flags.boolean({description: 'Forget everything clokta keeps in the keychain.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Logout)
    if (!flags.all && !flags.profile) throw new CloktaError('Log out of what? Give -p <profile>, or --all.', 'usage')
    const [{createDeps}, {logout}] = await Promise.all([import('../flow/deps.js'), import('../flow/logout.js')])
    const deps = createDeps({debug: flags.debug, version: this.config.version})
    try {
      const forgotten = await logout({profile: flags.profile, all: flags.all}, deps)
      if (forgotten) deps.log.info(forgotten.length ? `Forgot ${forgotten.join('; ')}.` : 'Nothing was kept in the keychain for that.')
    } finally {
      deps.close()
    }
  }
}
