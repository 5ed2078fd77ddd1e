import {fetchOktaOrganization, knownPipeline, type OktaPipeline} from '../idp/okta-org.js'
import type {WriteLock} from '../io/file-lock.js'
import {readOktaEngine, saveOktaEngine} from '../output/okta-engines.js'
import type {Deps} from './deps.js'

/** --engine or okta_engine, as the user gave it: it outranks what the org says. */
export interface EngineChoice {
  value: 'classic' | 'idx'
  source: string
}

/**
 * Which login an org needs: the user's choice, else what the org said before (remembered in
 * ~/.clokta/okta-engines.json), else its /.well-known/okta-organization, asked once and
 * remembered. An org that answers no known engine gets the classic login, which then says
 * what is wrong with the org in its own words.
 */
export async function oktaEngine(org: URL, chosen: EngineChoice | undefined, deps: Deps, lock?: WriteLock): Promise<'classic' | 'idx'> {
  if (chosen) {
    deps.log.debug(`Okta engine ${chosen.value} (from ${chosen.source})`)
    return chosen.value
  }
  const now = deps.clock.now()
  const remembered = await readOktaEngine(org, now)
  if (remembered) return asEngine(remembered)
  const pipeline = knownPipeline(await fetchOktaOrganization(org, await deps.http()))
  if (pipeline === undefined) {
    deps.log.debug(`${org.host} named no engine clokta knows at /.well-known/okta-organization: trying the classic login`)
    return 'classic'
  }
  deps.log.debug(`${org.host} runs pipeline ${pipeline}; remembered in ~/.clokta/okta-engines.json`)
  await saveOktaEngine(org, pipeline, now, lock).catch((error: unknown) => deps.log.debug(`Could not remember the org's engine: ${String(error)}`))
  return asEngine(pipeline)
}

const asEngine = (pipeline: OktaPipeline) => (pipeline === 'idx' ? 'idx' : 'classic')
