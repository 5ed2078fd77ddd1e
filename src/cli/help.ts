import {Help} from '@oclif/core'

/**
 * The root help leads with `clokta -p <profile>`, the way clokta is used (bin/run.js routes
 * it to login), rather than oclif's `clokta [COMMAND]`. Every other help is oclif's.
 */
export default class CloktaHelp extends Help {
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
