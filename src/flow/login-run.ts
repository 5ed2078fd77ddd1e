import type {World} from '../config/world.js'
import type {WriteLock} from '../io/file-lock.js'
import type {CfgUpdates} from './cfg-updates.js'
import type {Deps} from './deps.js'
import type {OktaLogins} from './okta-logins.js'

/** One login run: the outside world, the files as the run found them, what it will change in clokta.cfg, and what it got from Okta. */
export interface LoginRun {
  deps: Deps
  world: World
  updates: CfgUpdates
  /** the run's memory of Okta: one login per app and user */
  okta: OktaLogins
  /** ~/.clokta/.write.lock, taken before the password is sent and held through the writes */
  writes: WriteLock
}
