import {formatDuration} from '../../config/duration.js'
import {parseOidcTokensAccount} from '../../idp/okta-device/device-tokens.js'
import {parseKeptTokens} from '../../idp/okta-device/oidc-tokens.js'
import {passwordAccount, sessionAccount, totpSeedAccount} from '../okta-secrets.js'
import {PYTHON_CLOKTA_SERVICE} from '../python-clokta-password.js'
import {ok, warning, type Finding} from './findings.js'
import type {DoctorContext} from './survey.js'

/**
 * Whether the OS keychain answers, and for each Okta org and username the profiles use,
 * what clokta keeps there (an Identity Engine org's tokens, kept per org, under each of its
 * users): the names of the items, never their values.
 */
export async function keychainItems(c: DoctorContext): Promise<Finding[]> {
  const {keychain} = c.deps
  if (!(await keychain.available())) {
    return [warning('keychain', 'OS keychain', keychain.notice('passwords and sessions are not kept, so clokta asks for the password each time'))]
  }
  const [accounts, python] = await Promise.all([keychain.accounts(), keychain.accounts(PYTHON_CLOKTA_SERVICE)])
  const kept = new Set(accounts)
  const tokenOrgs = new Set(accounts.map((a) => parseOidcTokensAccount(a)?.org.origin))
  const users = new Map<string, {org: URL; username: string}>()
  for (const p of await c.profiles()) {
    if (p.appUrl && p.username) users.set(passwordAccount(p.appUrl, p.username), {org: new URL(p.appUrl.origin), username: p.username})
  }
  const rows = [...users.values()].map(({org, username}) => {
    const items = [
      kept.has(passwordAccount(org, username)) && 'password',
      kept.has(sessionAccount(org, username)) && 'Okta session',
      kept.has(totpSeedAccount(org, username)) && 'authenticator seed',
      tokenOrgs.has(org.origin) && 'Identity Engine tokens',
      python.includes(username) && "the Python clokta's password",
    ].filter((item): item is string => typeof item === 'string')
    return ok('keychain', username, `at ${org.host}: ${items.length ? `kept ${items.join(', ')}` : 'nothing kept yet'}`)
  })
  const tokens = await Promise.all(accounts.flatMap((a) => tokensRow(a, c)))
  return [ok('keychain', 'OS keychain', 'reachable'), ...rows, ...tokens]
}

/**
 * An Identity Engine org's kept tokens, as the next login would find them: the access
 * token's time left, else whether a refresh token can renew them without the browser.
 * Read for their times only; no token is shown.
 */
function tokensRow(account: string, c: DoctorContext): Promise<Finding>[] {
  const parsed = parseOidcTokensAccount(account)
  if (!parsed) return []
  const subject = parsed.org.host
  const lead = `Identity Engine tokens of the OIDC app ${parsed.clientId}${parsed.purpose === 'web-identity' ? ' (web identity)' : ''}`
  return [
    c.deps.keychain.get(account).then((stored) => {
      const kept = stored === undefined ? undefined : parseKeptTokens(stored)
      const now = c.deps.clock.now()
      if (!kept) return warning('keychain', subject, `${lead} are unreadable: the next login opens the browser`)
      if (kept.expiresAt > now) {
        const left = formatDuration(Math.max(60, Math.round((kept.expiresAt - now) / 60_000) * 60))
        return ok('keychain', subject, `${lead}: valid for ${left}${kept.refreshToken === undefined ? '' : ', then renewed by the refresh token'}`)
      }
      if (kept.refreshToken !== undefined)
        return ok('keychain', subject, `${lead}: expired; the refresh token renews them without the browser while Okta allows`)
      return warning('keychain', subject, `${lead}: expired, and no refresh token: the next login opens the browser`)
    }),
  ]
}
