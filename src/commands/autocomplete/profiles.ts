import {CloktaCommand} from '../../cli/base-command.js'
import {knownProfileNames} from '../../config/known-profiles.js'

/**
 * What the completion scripts run on <TAB> after -p/--profile: the known profile names, one a
 * line. Hidden: it is the scripts' interface, not the user's. Reads two files, no login, no
 * network, and never fails (a broken file only means fewer names).
 */
export default class AutocompleteProfiles extends CloktaCommand {
  static override hidden = true
  static override summary = 'Print the profile names -p completes (clokta.cfg and ~/.aws/config), one a line.'

  async run(): Promise<void> {
    await this.parse(AutocompleteProfiles)
    const names = await knownProfileNames()
    process.stdout.write(names.map((name) => `${name}\n`).join(''))
  }
}
