import {fetchOktaOrganization, knownPipeline, type OktaPipeline} from '../idp/okta-org.js'
import type {HttpClient} from '../io/http.js'
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

/**
 * The org is asked only when the answer can change the login: with okta_oidc_client_id set
 * the device login is possible, and taken on an Identity Engine org. Without one the
 * classic login is the only one clokta has, so nothing is sent before the password (doctor,
 * and identityEngineHint after a refused login, tell an Identity Engine org's users how to
 * get a client id).
 */
export function engineFor(
  org: URL,
  chosen: EngineChoice | undefined,
  clientId: string | undefined,
  deps: Deps,
  lock: WriteLock | undefined,
): Promise<'classic' | 'idx'> {
  if (chosen === undefined && clientId === undefined) return Promise.resolve('classic')
  return oktaEngine(org, chosen, deps, lock)
}

/**
 * The app's policy wanted more than the password login gave: on an Identity Engine org
 * (asked now, after the failure, so nothing went to the org before the password), the way
 * out is the device login, which needs a client id.
 */
export async function identityEngineHint(org: URL, set: {engine?: EngineChoice; clientId?: string}, http: HttpClient): Promise<string | undefined> {
  if (set.engine !== undefined || set.clientId !== undefined) return undefined
  const pipeline = await fetchOktaOrganization(org, http).then(knownPipeline, () => undefined)
  if (pipeline !== 'idx') return undefined
  return `${org.host} runs Okta Identity Engine, whose app policies can ask for more than the password login gives: set okta_oidc_client_id for its device login (the README's "Identity Engine orgs" says how to get one).`
}

const asEngine = (pipeline: OktaPipeline) => (pipeline === 'idx' ? 'idx' : 'classic')
