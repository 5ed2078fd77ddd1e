import {isatty} from 'node:tty'

import {Flags} from '@oclif/core'

import {CloktaCommand} from '../cli/base-command.js'

export default class Doctor extends CloktaCommand {
  static override summary = 'Check what clokta needs: Node, config files, Okta orgs, clock, keychain, proxy and file modes.'
  static override description =
    'One row per finding: ok, warning or broken. Nothing is changed, nothing is asked, no password is sent; each Okta org is asked only for /.well-known/okta-organization, all at once, with a 5 s timeout. Exits 1 when something is broken.'
  static override examples = ['clokta doctor', 'clokta doctor --json']

  static override flags = {
    json: Flags.boolean({description: 'Print the findings as JSON: [{check, subject, status, detail}].', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Doctor)
    const [{runDoctor}, {createDoctorDeps}, {openWorld}, {doctorTable}, {wantsColour}] = await Promise.all([
      import('../flow/doctor/run-doctor.js'),
      import('../flow/doctor/deps.js'),
      import('../config/world.js'),
      import('../cli/doctor-table.js'),
      import('../io/terminal.js'),
    ])
    const findings = await runDoctor(openWorld(process.env), createDoctorDeps({debug: flags.debug, version: this.config.version}))
    if (flags.json) {
      process.stdout.write(JSON.stringify(findings, null, 2) + '\n')
    } else {
      const tty = isatty(1)
      const width = tty ? Math.min(80, process.stdout.columns || 80) : 80
      for (const line of doctorTable(findings, {width, colour: tty && wantsColour(process.env)})) this.log(line)
    }
    if (findings.some((f) => f.status === 'broken')) process.exitCode = 1
  }
}
