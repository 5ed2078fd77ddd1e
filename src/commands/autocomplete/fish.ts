import {CloktaCommand} from '../../cli/base-command.js'
import {fishCompletionPath} from '../../cli/completion-files.js'

/**
 * `clokta autocomplete fish`: the shell @oclif/plugin-autocomplete lacks. It builds the same
 * cache as `clokta autocomplete bash` (the postrun hook writes the fish file there) and says
 * how fish finds it.
 */
export default class AutocompleteFish extends CloktaCommand {
  static override summary = 'Show how to enable fish completion (commands, flags, profile names).'

  async run(): Promise<void> {
    await this.parse(AutocompleteFish)
    await this.config.runCommand('autocomplete', ['--refresh-cache'])
    const path = fishCompletionPath(this.config)
    this.log(`Completions for fish are in ${path}. To load them in every fish session, run:

  mkdir -p ~/.config/fish/completions && echo 'test -f ${path}; and source ${path}' > ~/.config/fish/completions/${this.config.bin}.fish

Then ${this.config.bin} <TAB> completes commands, ${this.config.bin} login --<TAB> flags, ${this.config.bin} -p <TAB> profile names.
After installing a new version of ${this.config.bin}, run ${this.config.bin} autocomplete --refresh-cache.`)
  }
}
