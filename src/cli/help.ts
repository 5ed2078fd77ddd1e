import {Help, type Command, type CommandHelp, type Config, type Interfaces} from '@oclif/core'

type Formatter = {render: (input: string) => string}

/**
 * oclif passes every piece of help text through ejs (`<%= config.bin %>`), which compiles each
 * one into a function even when it has no tag: a third of rendering `clokta --help`. Text with
 * no `<%` and no `%>` comes out of ejs unchanged, so it skips ejs; any other text goes through.
 */
function skipEjsWithoutTags(formatter: Formatter): void {
  const render = formatter.render
  formatter.render = (input) => (typeof input === 'string' && !input.includes('<%') && !input.includes('%>') ? input : render(input))
}

/**
 * The root help leads with `clokta -p <profile>`, the way clokta is used (bin/oclif.cjs routes
 * it to login), rather than oclif's `clokta [COMMAND]`. Every other help is oclif's.
 */
export default class CloktaHelp extends Help {
  constructor(config: Config, options?: Partial<Interfaces.HelpOptions>) {
    super(config, options)
    skipEjsWithoutTags(this)
  }

  protected override getCommandHelpClass(command: Command.Loadable): CommandHelp {
    const help = super.getCommandHelpClass(command)
    skipEjsWithoutTags(help)
    return help
  }

  protected override formatRoot(): string {
    const usage = ['$ clokta -p <profile> [-p <profile>...] [FLAGS]', '$ clokta', '$ clokta COMMAND [FLAGS]'].join('\n')
    const description = [
      "clokta -p <profile> logs in to Okta and writes the profile's AWS credentials: it is the login command (clokta login --help lists its flags, such as -i, -q, --role, --all-roles).",
      'A bare clokta logs in $AWS_PROFILE when it is set.',
    ].join('\n')
    return [
      this.config.pjson.description ?? '',
      this.section('VERSION', this.wrap(this.config.userAgent)),
      this.section('USAGE', usage),
      this.section('DESCRIPTION', this.wrap(description)),
    ]
      .filter(Boolean)
      .join('\n\n')
  }
}
