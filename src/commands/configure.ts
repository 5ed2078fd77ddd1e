import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {CloktaError} from '../errors.js'

export default class Configure extends CloktaCommand {
  static override summary = "Set a profile's settings in ~/.clokta/clokta.cfg, or list the profiles."
  static override description = `Asks again for the profile's Okta app URL, username, preferred MFA factor and duration, with the current values as defaults. Given any of the flags, sets just those without asking (for scripts). --totp-seed keeps your authenticator app's seed in the OS keychain, so that codes are made without asking.`

  static override examples = [
    'clokta configure -p website',
    'clokta configure -p website --app-url https://example.okta.com/home/amazon_aws/0oa1b2c3d4/272 --mfa push',
    'clokta configure -p website --totp-seed',
    'clokta configure --list',
  ]

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile to configure.', env: 'AWS_PROFILE'}),
    // not exclusive with --profile: that one is filled from AWS_PROFILE, which is often set
    list: Flags.boolean({
      description: 'List the profiles: their Okta app URLs, remembered roles, and whether their credentials are still valid.',
      default: false,
    }),
    json: Flags.boolean({description: 'With --list: print the profiles as JSON on stdout.', default: false, dependsOn: ['list']}),
    'app-url': Flags.string({description: "The AWS app's link from your Okta dashboard."}),
    username: Flags.string({description: 'Your Okta username.'}),
    mfa: Flags.string({description: 'Preferred MFA factor, e.g. "Okta Verify with Push".'}),
    duration: Flags.string({description: 'Credential lifetime (1h, 90m, 3600); empty to use the default.'}),
    'totp-seed': Flags.boolean({
      description:
        "Keep your authenticator app's base32 seed in the OS keychain (typed at a prompt, or from okta_onetimepassword_secret); codes are then made without asking.",
      default: false,
      exclusive: ['forget-totp-seed'],
    }),
    'forget-totp-seed': Flags.boolean({description: 'Remove the authenticator seed kept in the OS keychain.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Configure)
    const [{configureProfile, listProfiles}, {openWorld, withCfgChanges}] = await Promise.all([
      import('../flow/configure-profile.js'),
      import('../config/world.js'),
    ])
    let world = openWorld(process.env)
    if (flags.list) {
      const {rows, path} = await listProfiles(world)
      if (rows.length === 0) {
        const {displayPath} = await import('../io/paths.js')
        process.stderr.write(`No profiles in ${displayPath(path)} yet: run clokta -p <profile>.\n`)
        if (flags.json) process.stdout.write(JSON.stringify({version: 1, profiles: []}, null, 2) + '\n')
        return
      }
      const [{credentialStatuses}, {profileTable}] = await Promise.all([import('../flow/credential-status.js'), import('../cli/profile-table.js')])
      const now = new Date()
      const statuses = await credentialStatuses(
        rows.map((r) => r.profile),
        now.getTime(),
        world,
      )
      const listed = rows.map((r, i) => ({...r, status: statuses[i]}))
      if (flags.json) {
        const {jsonText, profileListJson} = await import('../cli/login-json.js')
        process.stdout.write(jsonText(profileListJson(listed)))
        return
      }
      for (const line of profileTable(listed, now)) this.log(line)
      return
    }
    if (!flags.profile) throw new CloktaError('Which profile? Give it with -p <profile>, or --list to see them.', 'usage')
    const [{createDeps}, seeds] = await Promise.all([import('../flow/deps.js'), import('../flow/totp-seed.js')])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    const settings = {appUrl: flags['app-url'], username: flags.username, mfa: flags.mfa, duration: flags.duration}
    const seedOnly = (flags['totp-seed'] || flags['forget-totp-seed']) && Object.values(settings).every((v) => v === undefined)
    try {
      // the seed is kept under the app and user just configured
      if (!seedOnly) world = withCfgChanges(world, (await configureProfile(flags.profile, settings, deps, world)).changes)
      if (flags['totp-seed']) await seeds.keepTotpSeed(flags.profile, deps, world)
      if (flags['forget-totp-seed']) await seeds.forgetTotpSeed(flags.profile, deps, world)
    } finally {
      deps.close()
    }
  }
}
