import {Flags} from '@oclif/core'

import {CloktaCommand} from '../../cli/base-command.js'
import {CloktaError} from '../../errors.js'

export default class SsoAccounts extends CloktaCommand {
  static override summary = 'List the AWS accounts and roles an IAM Identity Center profile can use.'
  static override description = `Signs in to IAM Identity Center as "clokta -p <profile>" does (the AWS CLI's cached token when it lasts), then lists each account (ListAccounts) with its roles (ListAccountRoles): the values for sso_account_id and sso_role_name in ~/.aws/config.`

  static override examples = ['clokta sso accounts -p dev', 'clokta sso accounts -p dev --json']

  static override flags = {
    profile: Flags.string({char: 'p', description: 'An IAM Identity Center profile of ~/.aws/config. Default: $AWS_PROFILE.'}),
    'no-browser': Flags.boolean({description: 'Show the sign-in URL and code without opening the browser.', default: false}),
    json: Flags.boolean({description: 'Print the accounts and their roles as JSON on stdout.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(SsoAccounts)
    const profile = flags.profile ?? process.env.AWS_PROFILE?.trim()
    if (!profile)
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta sso accounts -p dev')
    const [{createDeps}, {openWorld}, {ssoAccounts}] = await Promise.all([
      import('../../flow/deps.js'),
      import('../../config/world.js'),
      import('../../flow/sso-accounts.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      const accounts = await ssoAccounts(profile, {noBrowser: flags['no-browser']}, deps, openWorld(process.env))
      if (flags.json) return void process.stdout.write(JSON.stringify(accounts, null, 2) + '\n')
      for (const a of accounts) {
        process.stdout.write(`${a.accountId}  ${a.accountName ?? ''}${a.emailAddress ? ` <${a.emailAddress}>` : ''}\n`)
        for (const role of a.roles) process.stdout.write(`  ${role}\n`)
      }
    } finally {
      deps.close()
    }
  }
}
