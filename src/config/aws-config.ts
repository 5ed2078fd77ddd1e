import {homedir} from 'node:os'
import {join} from 'node:path'

import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath} from '../io/paths.js'
import {IniDocument} from './ini-document.js'

/** ~/.aws/config as the AWS CLI reads it: `[default]` and `[profile <name>]` sections. */
export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')
}

export function awsCredentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials')
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
      const sections = name === 'default' ? ['default', 'profile default'] : [`profile ${name}`]
      const found = sections.find((s) => doc.hasSection(s))
      return found === undefined ? undefined : doc.entries(found)
    },
  }
}
