import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'
import {loginFlags, toLoginFlags} from '../cli/login-flags.js'
import {CloktaError} from '../errors.js'

export default class Exec extends CloktaCommand {
  static override summary = "Run a command with a profile's temporary AWS credentials in its environment."
  static override description = `Logs in as "clokta -p <profile>" does (still-valid credentials are reused), then runs the command after "--" with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION and the profile's AWS_REGION/AWS_DEFAULT_REGION set, AWS_PROFILE removed, and AWS_CLOKTA_PROFILE=<profile> as a marker.
The command keeps the terminal, stdin, stdout and stderr; clokta exits with its status (or dies of the same signal), and passes SIGTERM and SIGHUP (and a Ctrl-C not sent by the terminal itself) on to it.
With --server the command gets a credentials endpoint on 127.0.0.1 instead of keys (as clokta serve gives), renewed in the background through the Okta session while it runs; it ends with the command.
Without a command, starts $SHELL. Refused inside another clokta exec (AWS_CLOKTA_PROFILE set).
Also the way to use a chained profile (role_arn + source_profile) with the keys clokta chained.`

  static override usage = 'exec [-p <profile>] [FLAGS] -- COMMAND [ARGUMENTS...]'

  static override examples = [
    'clokta exec -p website -- aws s3 ls',
    'clokta exec -p website -- terraform plan',
    'clokta exec --server -p website -- ./long-running-job',
    'clokta exec -p website',
  ]

  static override flags = {
    profile: Flags.string({char: 'p', description: 'Profile whose credentials the command gets. Default: $AWS_PROFILE.'}),
    server: Flags.boolean({
      description:
        'Hand the command a local credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI and its token) instead of keys, renewed before they expire: for programs that outlive the credentials.',
      default: false,
    }),
    ...loginFlags,
  }

  async run(): Promise<void> {
    const [{splitCommandLine, refuseStrayArguments, commandToRun}, {refuseNesting}] = await Promise.all([
      import('../exec/command-line.js'),
      import('../exec/nesting.js'),
    ])
    // the environment as the user gave it: the login may add to clokta's own (the SDK's switches), which are not the child's
    const parentEnv = {...process.env}
    const {own, command} = splitCommandLine(this.argv)
    // what follows -- is the command's: its -v must not be read as clokta's --debug when an error is printed
    this.argv = own
    const {flags, argv: stray} = await this.parse({flags: Exec.flags, baseFlags: CloktaCommand.baseFlags, strict: false}, own)
    refuseStrayArguments(stray as string[])
    refuseNesting(process.env)
    const profile = flags.profile ?? process.env.AWS_PROFILE?.trim()
    if (!profile)
      throw new CloktaError('Which profile? Give it with -p <profile> (or set AWS_PROFILE).', 'usage', 'Example: clokta exec -p website -- aws s3 ls')

    const [
      {createDeps},
      {openWorld},
      {credentialsFor},
      {childEnvironment, exportedVariables},
      {validUntil},
      {runChild},
      {inForeground},
      {endLikeChild},
      {shownName},
      {serveProfile},
    ] = await Promise.all([
      import('../flow/deps.js'),
      import('../config/world.js'),
      import('../flow/credentials-for.js'),
      import('../output/child-environment.js'),
      import('../cli/summary.js'),
      import('../exec/child.js'),
      import('../exec/forwarding.js'),
      import('../exec/exit-status.js'),
      import('../config/profile-name.js'),
      import('../serve/serve-profile.js'),
    ])
    const deps = createDeps({debug: flags.debug, version: this.config.version, secrets: this.secrets})
    const login = toLoginFlags(flags)
    let handed
    try {
      if (!flags.profile) deps.log.info(`Using profile '${shownName(profile)}' from AWS_PROFILE`)
      handed = await credentialsFor(profile, login, deps, openWorld(process.env))
    } finally {
      // the terminal is the child's from here on: clokta must not hold it open or read from it
      deps.close()
    }
    const run = commandToRun(command, parentEnv)
    const served = flags.server ? await serveProfile(handed, login, deps, (line) => process.stderr.write(this.redact(`${line}\n`))) : undefined
    if (run.shell) {
      const lasting = served ? 'renewed while it runs' : validUntil(handed.credentials.expiration)
      deps.log.info(`Starting ${run.file} with the credentials of ${shownName(profile)}, ${lasting}; "exit" returns here.`)
    }
    const env = childEnvironment(parentEnv, profile, served?.variables ?? exportedVariables(handed))
    const end = await runChild(run.file, run.args, {env, inForeground})
    await served?.close()
    await endLikeChild(end)
  }
}
