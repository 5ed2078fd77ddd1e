import {OktaApi} from '../idp/okta-classic/okta-api.js'
import {endSession} from '../idp/okta-classic/session.js'
import type {Deps} from './deps.js'
import {parseAccount, passwordAccount, sessionAccount} from './okta-secrets.js'
import {profileIdentity} from './profile-identity.js'

/**
 * Forgets what clokta keeps in the keychain (the Okta password and session) for one
 * profile's org and user, or for all of them; each session is also ended at Okta, so a
 * copied cookie is worthless. AWS credentials are left alone: they expire by themselves.
 * An authenticator seed stays: it is set up once, like enrolling the factor, and
 * `clokta configure --forget-totp-seed` removes it. Undefined when there is no keychain
 * (already said).
 */
export async function logout(target: {profile?: string; all: boolean}, deps: Deps): Promise<string[] | undefined> {
  const {keychain, log} = deps
  let accounts: string[]
  if (target.all) {
    accounts = (await keychain.accounts()).filter((a) => {
      const kind = parseAccount(a)?.kind
      return kind === 'password' || kind === 'session'
    })
  } else {
    const {org, username} = await profileIdentity(target.profile!, deps)
    accounts = [passwordAccount(org, username), sessionAccount(org, username)]
  }
  if (!(await keychain.available())) {
    log.info(`${keychain.notice().replace(/: clokta will .*$/, '')}: nothing is stored, so there is nothing to forget.`)
    return undefined
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
