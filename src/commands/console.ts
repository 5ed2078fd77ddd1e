import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import {CloktaError} from '../errors.js'

// --duration here is the console session's; the credentials' own is the profile's (clokta.cfg)
const {duration: _credentialsDuration, ...loginFlagsButDuration} = loginFlags

export default class Console extends CloktaCommand {
  static override summary = "Open the AWS console signed in as a profile's role (or print the sign-in URL)."
  static override description = `Gets the profile's credentials as "clokta -p <profile>" does (still-valid ones are reused; chained profiles work), trades them at the AWS federation endpoint of the role's partition (aws, aws-us-gov, aws-cn) for a sign-in token, and opens the console in your browser. Without a display, or with --print, the sign-in URL is printed on stdout instead: it signs anyone in for 15 minutes, so treat it as a password.
AWS_ENDPOINT_URL_SIGNIN replaces the federation endpoint's base URL (as AWS_ENDPOINT_URL_STS does for STS).`

  static override examples = [
    'clokta console -p website',
    'clokta console -p website --print',
    'clokta console -p website --destination s3/home --duration 4h',
    'clokta console -p website --destination "https://console.aws.amazon.com/billing/home"',
  ]

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile whose role to sign in as. Default: $AWS_PROFILE.', env: 'AWS_PROFILE'}),
    print: Flags.boolean({description: 'Print the sign-in URL on stdout (nothing else) instead of opening a browser.', default: false}),
    destination: Flags.string({
      description:
        "The console page to land on: a console URL of the role's partition, or a path such as s3/home. Default: the console home of the profile's region.",
    }),
    duration: Flags.string({
      description:
        'How long the console session lasts: 15m to 12h (AWS decides when not given). Not for chained profiles: AWS refuses it for role-chained credentials.',
    }),
    ...loginFlagsButDuration,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Console)
    const profile = flags.profile?.trim()
    if (!profile)
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta console -p website')
    const [{createDeps}, {openWorld}, {consoleSignin}, {browserLauncher, startBrowser}, {roleLabel}] = await Promise.all([
      import('../flow/deps.js'),
      import('../config/world.js'),
      import('../flow/console-signin.js'),
      import('../io/open-browser.js'),
      import('../cli/summary.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    try {
      const signin = await consoleSignin(
        profile,
        toLoginFlags({...flags, duration: undefined}),
        {destination: flags.destination, duration: flags.duration},
        deps,
        openWorld(process.env),
      )
      // stdout gets the URL itself, never through the log, which would redact it
      const printUrl = () => process.stdout.write(signin.url + '\n')
      if (flags.print) return void printUrl()
      const launcher = browserLauncher(signin.url)
      let failed = 'cannot' in launcher ? launcher.cannot : undefined
      if (!('cannot' in launcher)) await startBrowser(launcher).catch((error: unknown) => (failed = (error as Error).message))
      if (failed === undefined) {
        deps.log.info(`Opened the AWS console as ${roleLabel(signin.roleArn)} (profile ${profile}) in your browser.`)
        return
      }
      deps.log.info(`No browser opened: ${failed}. Open this sign-in URL within 15 minutes (it signs anyone in: keep it private):`)
      printUrl()
    } finally {
      deps.close()
    }
  }
}
