import {stat} from 'node:fs/promises'

import {awsConfigPath, awsCredentialsPath} from '../../config/aws-config.js'
import {ACCOUNTS_SECTION, cloktaCfgPath, DEFAULT_SECTION} from '../../config/clokta-cfg.js'
import {errnoCode, messageOf} from '../../errors.js'
import {displayPath} from '../../io/paths.js'
import {broken, ok, warning, type Finding} from './findings.js'
import type {DoctorContext} from './survey.js'

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    return errnoCode(error) !== 'ENOENT'
  }
}

/** The message without the file's name in front, which the subject already gives: "line 3 is not ...". */
function withoutFile(message: string, file: string): string {
  return message.startsWith(file) ? message.slice(file.length).replace(/^:?\s*/, '') : message
}

async function parsed(check: () => Promise<string>, path: string, missing: Finding['detail'], missingStatus: 'ok' | 'warning'): Promise<Finding> {
  const file = displayPath(path)
  if (!(await exists(path))) return (missingStatus === 'ok' ? ok : warning)('config', file, missing)
  try {
    return ok('config', file, await check())
  } catch (error) {
    return broken('config', file, withoutFile(messageOf(error), file))
  }
}

/**
 * clokta.cfg, ~/.aws/config and ~/.aws/credentials (or where AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE put them): found, and parsed. Every value of clokta.cfg is
 * read too, since a bad `%` breaks only the login that reads it.
 */
export async function configFiles(c: DoctorContext): Promise<Finding[]> {
  const {world} = c
  return Promise.all([
    parsed(
      async () => {
        const cfg = await world.cfg()
        const profiles = [...new Set(cfg.sections())].filter((s) => s !== DEFAULT_SECTION && s !== ACCOUNTS_SECTION)
        for (const section of cfg.sections()) cfg.entries(section)
        return `parsed: ${profiles.length} profile${profiles.length === 1 ? '' : 's'}`
      },
      cloktaCfgPath(),
      'not found: clokta -p <profile> asks for the settings and creates it',
      'warning',
    ),
    parsed(async () => (await world.awsConfig(), 'parsed'), awsConfigPath(world.env), 'not found (clokta does not need it)', 'ok'),
    parsed(async () => (await world.awsCredentials(), 'parsed'), awsCredentialsPath(world.env), 'not found yet: the first login creates it', 'ok'),
  ])
}
