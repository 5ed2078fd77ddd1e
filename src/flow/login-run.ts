import type {World} from '../config/world.js'
import type {CfgUpdates} from './cfg-updates.js'
import type {Deps} from './deps.js'

/** One login run: the outside world, the files as the run found them, and what it will change in clokta.cfg. */
export interface LoginRun {
  deps: Deps
  world: World
  updates: CfgUpdates
}
