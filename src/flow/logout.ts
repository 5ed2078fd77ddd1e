import {DEFAULT_SECTION, loadCloktaCfg} from '../config/clokta-cfg.js'
import {parseAppUrl} from '../config/app-url.js'
import {validateProfileName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'
import {OktaApi} from '../idp/okta-classic/okta-api.js'
import {endSession} from '../idp/okta-classic/session.js'
import {displayPath} from '../io/paths.js'
import type {Deps} from './deps.js'
import {parseAccount, passwordAccount, sessionAccount} from './okta-secrets.js'

/**
 * Forgets what clokta keeps in the keychain (the Okta password and session) for one
 * profile's org and user, or for all of them; each session is also ended at Okta, so a
 * copied cookie is worthless. AWS credentials are left alone: they expire by themselves.
 */
export async function logout(target: {profile?: string; all: boolean}, deps: Deps): Promise<string[]> {
  const {keychain, log} = deps
  let accounts: string[]
  if (target.all) {
    accounts = (await keychain.accounts()).filter((a) => parseAccount(a) !== undefined)
  } else {
    const profile = validateProfileName(target.profile!)
    const cfg = await loadCloktaCfg()
    const get = (key: string) => deps.env[key] || cfg.doc.get(profile, key) || cfg.doc.get(DEFAULT_SECTION, key)
    const appUrl = get('okta_aws_app_url')
    const username = get('okta_username')
    if (!appUrl || !username) {
      throw new CloktaError(`Profile ${profile} has no Okta app URL or username in ${displayPath(cfg.path)}.`, 'config', 'clokta configure --list shows the profiles.')
    }
    const org = new URL(parseAppUrl(appUrl, `[${profile}] in ${displayPath(cfg.path)}`).origin)
    accounts = [passwordAccount(org, username), sessionAccount(org, username)]
  }
  if (!(await keychain.available())) {
    log.info(`${keychain.notice().replace(/: clokta will .*$/, '')}: nothing is stored, so there is nothing to forget.`)
    return []
  }
  const forgotten: string[] = []
  for (const account of accounts) {
    const parsed = parseAccount(account)!
    const secret = await keychain.get(account)
    if (secret === undefined) continue
    if (parsed.kind === 'session') {
      log.secret(secret)
      try {
        const http = await deps.http()
        await endSession(secret, new OktaApi(parsed.org, http, log, deps.clock), http)
      } catch (error) {
        log.warn(`Could not end the Okta session at ${parsed.org.host} (${(error as Error).message}); forgetting it anyway.`)
      }
    }
    if (await keychain.delete(account)) forgotten.push(`the Okta ${parsed.kind} of ${parsed.username} at ${parsed.org.host}`)
  }
  return forgotten
}
