import {cloktaCfgPath, saveCloktaCfg, type CfgChange, type CloktaCfg} from '../config/clokta-cfg.js'
import type {World} from '../config/world.js'

/**
 * What a run changes in clokta.cfg (first-run answers, a role chosen at the prompt,
 * --all-roles profiles, save_password_in_keychain turned off), seen by the rest of the run
 * at once and saved once, when the run ends, whether or not it succeeded: a typo in the
 * password must not cost the other answers.
 */
export interface CfgUpdates {
  add(changes: CfgChange[]): void
  /** clokta.cfg as the run found it, with this run's changes */
  cfg(): Promise<CloktaCfg>
  /** in one atomic write, re-reading the file first so that edits made meanwhile are kept */
  save(): Promise<void>
}

export function cfgUpdates(world: World): CfgUpdates {
  const changes: CfgChange[] = []
  return {
    add: (more) => changes.push(...more),
    cfg: async () => (await world.cfg()).withChanges(changes),
    save: () => saveCloktaCfg(changes.splice(0), cloktaCfgPath()),
  }
}
