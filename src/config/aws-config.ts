import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath, expandPath} from '../io/paths.js'
import {IniDocument} from './ini-document.js'
import {shlexSplit} from './shlex-split.js'

/** ~/.aws/config, or AWS_CONFIG_FILE with its variables and ~ expanded as botocore does. */
export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return expandPath(env.AWS_CONFIG_FILE || '~/.aws/config', env)
}

export function awsCredentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return expandPath(env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', env)
}

/**
 * The profile a ~/.aws/config section header names, as botocore's build_profile_map reads
 * it: a header that starts with `profile` and splits (as a shell would) into two words
 * names the second word; `[default]` is the default profile; anything else is no profile.
 */
export function profileNameOf(section: string): string | undefined {
  if (section.startsWith('profile')) {
    const words = shlexSplit(section)
    return words?.length === 2 ? words[1] : undefined
  }
  return section === 'default' ? 'default' : undefined
}

/** ~/.aws/config read as botocore reads it (RawConfigParser: values taken literally). */
export interface AwsConfig {
  path: string
  /** the profile's keys, those of an uppercase [DEFAULT] included; undefined when no section names it */
  profile(name: string): Record<string, string> | undefined
  /** the header of the section the profile's value of key comes from, e.g. `[profile x]` or `[DEFAULT]` */
  sourceOf(name: string, key: string): string | undefined
  /** an [sso-session name] section's keys (IAM Identity Center), undefined when there is none */
  ssoSession(name: string): Record<string, string> | undefined
  /** every profile's name, in the file's order */
  profileNames(): string[]
}

const DEFAULT_SECTION = 'DEFAULT'

export function parseAwsConfig(text: string, path: string): AwsConfig {
  const doc = IniDocument.parse(text, displayPath(path))
  // Where several sections name one profile ([profile x] and [profile "x"], [default] and
  // [profile default]), botocore keeps the last one whole. (The JS SDK differs: it lets
  // [profile default] win over [default] wherever they are.)
  const sectionOf = new Map<string, string>()
  for (const section of doc.sections()) {
    const name = section === DEFAULT_SECTION ? undefined : profileNameOf(section)
    if (name !== undefined) sectionOf.set(name, section)
  }
  // configparser puts an uppercase [DEFAULT]'s keys in every section, so botocore and the AWS CLI see them in every profile
  const defaults = doc.entries(DEFAULT_SECTION)
  return {
    path,
    profile(name) {
      const section = sectionOf.get(name)
      return section === undefined ? undefined : {...defaults, ...doc.entries(section)}
    },
    sourceOf(name, key) {
      const section = sectionOf.get(name)
      if (section === undefined) return undefined
      if (doc.get(section, key) !== undefined) return `[${section}]`
      return key.toLowerCase() in defaults ? `[${DEFAULT_SECTION}]` : undefined
    },
    profileNames: () => [...sectionOf.keys()],
    ssoSession(name) {
      // botocore reads `sso-session` then the name, split as a shell would, as for profiles
      const section = doc.sections().findLast((s) => {
        const words = s.startsWith('sso-session') ? shlexSplit(s) : undefined
        return words?.length === 2 && words[0] === 'sso-session' && words[1] === name
      })
      return section === undefined ? undefined : doc.entries(section)
    },
  }
}

export async function loadAwsConfig(env: NodeJS.ProcessEnv = process.env): Promise<AwsConfig> {
  const path = awsConfigPath(env)
  return parseAwsConfig((await readTextIfExists(path)) ?? '', path)
}
