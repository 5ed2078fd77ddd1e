import {cloktaCfgPath, saveCloktaCfg, type CfgChange, type CloktaCfg} from '../config/clokta-cfg.js'
import type {World} from '../config/world.js'
import type {WriteLock} from '../io/file-lock.js'

/**
 * What a run changes in clokta.cfg (first-run answers, a role chosen at the prompt,
 * --all-roles profiles, save_password_in_keychain turned off), seen by the rest of the run
 * at once and saved once, when the run ends, whether or not it succeeded: a typo in the
 * password must not cost the other answers.
 */
export interface CfgUpdates {
  add(changes: CfgChange[]): void
  /**
   * A place for changes known only later (what a profile remembers once its credentials are
   * written), filled by the function returned: the file lists them in the order places were
   * taken, not in the order STS happened to answer.
   */
  reserve(): (changes: CfgChange[]) => void
  /** clokta.cfg as the run found it, with this run's changes */
  cfg(): Promise<CloktaCfg>
  /** in one atomic write, re-reading the file first so that edits made meanwhile are kept */
  save(): Promise<void>
}

/** `lock`: the run's write lock, which the save takes (or shares) */
export function cfgUpdates(world: World, lock?: WriteLock): CfgUpdates {
  const places: CfgChange[][] = []
  const reserve = () => {
    const place: CfgChange[] = []
    places.push(place)
    return (more: CfgChange[]) => void place.push(...more)
  }
  return {
    add: (more) => reserve()(more),
    reserve,
    cfg: async () => (await world.cfg()).withChanges(places.flat()),
    save: () => saveCloktaCfg(places.splice(0).flat(), cloktaCfgPath(), lock),
  }
}
