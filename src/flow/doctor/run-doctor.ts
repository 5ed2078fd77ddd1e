import type {World} from '../../config/world.js'
import {messageOf} from '../../errors.js'
import {configFiles} from './config-files.js'
import type {DoctorDeps} from './deps.js'
import {fileModes} from './file-modes.js'
import {broken, type Finding} from './findings.js'
import {keychainItems} from './keychain-items.js'
import {nodeVersion} from './node-version.js'
import {oktaOrgs} from './okta-orgs.js'
import {profileRows} from './profile-rows.js'
import {proxySettings} from './proxy-settings.js'
import {doctorContext, type DoctorContext} from './survey.js'
import {writeLock} from './write-lock.js'

/** A group of checks: one small function, its rows in the order they are shown. */
type Check = (c: DoctorContext) => Promise<Finding[]>

const CHECKS: [string, Check][] = [
  ['node', nodeVersion],
  ['config', configFiles],
  ['profile', profileRows],
  ['okta', oktaOrgs],
  ['keychain', keychainItems],
  ['proxy', proxySettings],
  ['mode', fileModes],
  ['lock', writeLock],
]

/**
 * Every check at once (the network ones each bounded by the Deps' short timeout), the
 * findings in a fixed order. Nothing here prompts, sends a password or writes a file.
 */
export async function runDoctor(world: World, deps: DoctorDeps): Promise<Finding[]> {
  const c = doctorContext(world, deps)
  const groups = await Promise.all(
    CHECKS.map(async ([name, check]) => {
      try {
        return await check(c)
      } catch (error) {
        return [broken(name, '(check)', `the check failed: ${messageOf(error)}`)]
      }
    }),
  )
  return groups.flat()
}
