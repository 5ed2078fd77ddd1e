import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath, expandPath} from '../io/paths.js'
import {IniDocument} from './ini-document.js'

/** ~/.aws/config, or AWS_CONFIG_FILE with its variables and ~ expanded as botocore does. */
export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return expandPath(env.AWS_CONFIG_FILE || '~/.aws/config', env)
}

export function awsCredentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return expandPath(env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', env)
}

/** The profile a ~/.aws/config section header names, as botocore reads it; undefined for other sections. */
export function profileNameOf(section: string): string | undefined {
  if (section === 'default') return 'default'
  const m = /^\s*profile\s+(?:"([^"]*)"|'([^']*)'|(\S+))\s*$/.exec(section)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

export interface AwsConfig {
  path: string
  profile(name: string): Record<string, string> | undefined
}

export async function loadAwsConfig(env: NodeJS.ProcessEnv = process.env): Promise<AwsConfig> {
  const path = awsConfigPath(env)
  const text = await readTextIfExists(path)
  const doc = text === undefined ? IniDocument.empty() : IniDocument.parse(text, displayPath(path))
  return {
    path,
    profile(name) {
      // botocore splits headers like a shell: [profile  website] and [profile "website"] are both website
      const named = doc.sections().filter((s) => profileNameOf(s) === name)
      const found = named.find((s) => s !== 'default') ?? named[0]
      return found === undefined ? undefined : doc.entries(found)
    },
  }
}
