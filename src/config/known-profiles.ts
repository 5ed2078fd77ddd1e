import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath} from '../io/paths.js'
import {awsConfigPath, profileNameOf} from './aws-config.js'
import {ACCOUNTS_SECTION, cloktaCfgPath, DEFAULT_SECTION} from './clokta-cfg.js'
import {IniDocument} from './ini-document.js'
import {isValidProfileName} from './profile-name.js'

export interface ProfileFiles {
  cfgPath: string
  awsConfigPath: string
}

export const profileFiles = (env: NodeJS.ProcessEnv = process.env): ProfileFiles => ({
  cfgPath: cloktaCfgPath(),
  awsConfigPath: awsConfigPath(env),
})

/**
 * The profile names a shell completes after -p: clokta.cfg's profile sections and the
 * profiles ~/.aws/config defines (a chained profile lives only there), sorted, each once.
 * It runs on every <TAB>, so a file that cannot be read or parsed adds nothing instead of
 * failing, and names clokta would refuse are left out. Only section headers are read: no
 * value is interpolated, so a bad `%` in a value costs nothing here.
 */
export async function knownProfileNames(files: ProfileFiles = profileFiles()): Promise<string[]> {
  const [cfg, aws] = await Promise.all([sectionsOf(files.cfgPath), sectionsOf(files.awsConfigPath)])
  const names = [
    ...cfg.filter((section) => section !== DEFAULT_SECTION && section !== ACCOUNTS_SECTION),
    ...aws.flatMap((section) => profileNameOf(section) ?? []),
  ]
  return [...new Set(names.filter(isValidProfileName))].sort()
}

async function sectionsOf(path: string): Promise<string[]> {
  try {
    const text = await readTextIfExists(path)
    return text === undefined ? [] : IniDocument.parse(text, displayPath(path)).sections()
  } catch {
    return []
  }
}
