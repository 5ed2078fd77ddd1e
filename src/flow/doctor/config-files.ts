import {stat} from 'node:fs/promises'

import {awsConfigPath, awsCredentialsPath} from '../../config/aws-config.js'
import {cloktaCfgPath} from '../../config/clokta-cfg.js'
import {errnoCode, messageOf} from '../../errors.js'
import {displayPath} from '../../io/paths.js'
import {broken, ok, warning, type Finding} from './findings.js'
import {withoutFile} from './lenient-cfg.js'
import type {DoctorContext} from './survey.js'

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    return errnoCode(error) !== 'ENOENT'
  }
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

/** Every line of clokta.cfg that does not parse, and every value that cannot be read (a bad `%` breaks only the login that reads it). */
async function cloktaCfgFindings(c: DoctorContext): Promise<Finding[]> {
  const file = displayPath(cloktaCfgPath())
  const {found, cfg, problems} = await c.cfg()
  if (!found) return [warning('config', file, 'not found: clokta -p <profile> asks for the settings and creates it')]
  const unreadable = (cfg?.sections() ?? []).flatMap((section) => {
    try {
      cfg?.entries(section)
      return []
    } catch (error) {
      return [withoutFile(messageOf(error), file)]
    }
  })
  const all = [...problems, ...unreadable]
  if (all.length > 0) return all.map((problem) => broken('config', file, problem))
  const profiles = (await c.profiles()).length
  return [ok('config', file, `parsed: ${profiles} profile${profiles === 1 ? '' : 's'}`)]
}

/**
 * clokta.cfg, ~/.aws/config and ~/.aws/credentials (or where AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE put them): found, and parsed. Every value of clokta.cfg is
 * read too, since a bad `%` breaks only the login that reads it.
 */
export async function configFiles(c: DoctorContext): Promise<Finding[]> {
  const {world} = c
  const [cfg, ...aws] = await Promise.all([
    cloktaCfgFindings(c),
    parsed(async () => (await world.awsConfig(), 'parsed'), awsConfigPath(world.env), 'not found (clokta does not need it)', 'ok'),
    parsed(async () => (await world.awsCredentials(), 'parsed'), awsCredentialsPath(world.env), 'not found yet: the first login creates it', 'ok'),
  ])
  return [...cfg, ...aws]
}
