import {validateProfileName} from '../config/profile-name.js'
import {CloktaError, messageOf} from '../errors.js'
import {OktaApi} from '../idp/okta-classic/okta-api.js'
import {endSession} from '../idp/okta-classic/session.js'
import {parseOidcTokensAccount} from '../idp/okta-device/device-tokens.js'
import {parseKeptTokens} from '../idp/okta-device/oidc-tokens.js'
import {revokeOidcTokens} from '../idp/okta-device/revoke-tokens.js'
import type {World} from '../config/world.js'
import type {Deps} from './deps.js'
import type {IdentityLogout, LogoutReport, PythonLogout, SsoLogout, TokensLogout} from './logout-report.js'
import {logoutSso, ssoSignIns} from './logout-sso.js'
import {parseAccount, passwordAccount, sessionAccount, totpSeedAccount} from './okta-secrets.js'
import {loginKindOf, profileIdentity} from './profile-identity.js'
import {doneWithPythonPassword, fingerprint, PYTHON_CLOKTA_SERVICE, pythonDoneAccount} from './python-clokta-password.js'

interface Identity {
  org: URL
  username: string
}

/**
 * Forgets what clokta keeps in the keychain (the Okta password and session) for one
 * profile's org and user, or for all of them; each session is also ended at Okta, so a
 * copied cookie is worthless, and an Identity Engine org's tokens are revoked there. AWS
 * credentials are left alone: they expire by themselves. An authenticator seed stays: it
 * is set up once, like enrolling the factor, and `clokta configure --forget-totp-seed`
 * removes it. The Python clokta's password stays too (it is that tool's), but clokta
 * stops reading it, or the next login would quietly bring back the password just forgotten.
 *
 * An IAM Identity Center profile's login is its sign-in, which the AWS CLI shares: logging
 * out of the profile ends that sign-in (as `aws sso logout` does, for that one sign-in), as
 * logging out of an Okta profile ends the org's session and tokens its other profiles
 * share too; --all ends every sign-in of ~/.aws/config's profiles.
 */
export async function logout(target: {profile?: string; all: boolean}, deps: Deps, world: World): Promise<LogoutReport> {
  const {keychain} = deps
  let identities: Identity[]
  let pythonUsers: string[]
  let sso: SsoLogout[]
  // an Okta web identity profile keeps only its org's tokens: no password, session or user
  let tokenOrg: URL | undefined
  if (target.all) {
    sso = await world.awsConfig().then(
      (awsConfig) => logoutSso(ssoSignIns(awsConfig), deps),
      // what the keychain keeps is still forgotten
      (error: unknown) => (deps.log.warn(`${messageOf(error).replace(/\.$/, '')}: IAM Identity Center sign-ins are left as they are.`), []),
    )
    identities = uniqueIdentities(await keychain.accounts())
    pythonUsers = await keychain.accounts(PYTHON_CLOKTA_SERVICE)
  } else {
    // the command asks for -p or --all before calling
    if (target.profile === undefined) throw new CloktaError('Log out of what? Give -p <profile>, or --all.', 'usage')
    validateProfileName(target.profile)
    const {kind} = await loginKindOf(target.profile, world)
    // nothing of it is in the keychain
    if (kind.kind === 'sso') {
      const signIns = ssoSignIns(await world.awsConfig(), kind.sso)
      return {reachable: true, target, sso: await logoutSso(signIns, deps), identities: [], python: [], failed: []}
    }
    tokenOrg = kind.kind === 'okta-web-identity' ? kind.oidc.org : undefined
    const identity = tokenOrg === undefined ? await profileIdentity(target.profile, world) : undefined
    identities = identity ? [identity] : []
    pythonUsers = identity ? [identity.username] : []
    sso = []
  }
  if (!(await keychain.available())) return {reachable: false, target, sso}
  const failed: string[] = []
  const forgotten: IdentityLogout[] = []
  for (const identity of identities) forgotten.push(await forgetIdentity(identity, deps, failed))
  const origins = [...identities.map((i) => i.org.origin), ...(tokenOrg ? [tokenOrg.origin] : [])]
  const tokens = await forgetOidcTokens(target.all ? undefined : origins, deps, failed)
  const python: PythonLogout[] = []
  for (const username of new Set(pythonUsers)) {
    const stored = await keychain.getFrom(PYTHON_CLOKTA_SERVICE, username)
    if (stored === undefined) continue
    deps.log.secret(stored)
    const print = fingerprint(stored)
    if ((await keychain.get(pythonDoneAccount(username))) !== print && !(await doneWithPythonPassword(username, print, keychain))) {
      failed.push(`record that clokta must not use the Python clokta's password of ${username} again`)
    }
    python.push({username})
  }
  return {reachable: true, target, sso, identities: forgotten, python, failed, tokens, tokenOrg}
}

/**
 * An Identity Engine org's OIDC tokens (per org and client, not user): those of these orgs,
 * or all. Each is revoked at Okta, then forgotten, also when Okta could not be told: the
 * user asked for this machine to let go of them.
 */
async function forgetOidcTokens(origins: string[] | undefined, deps: Deps, failed: string[]): Promise<TokensLogout[]> {
  const {keychain} = deps
  const forgotten = new Map<string, TokensLogout>()
  for (const account of await keychain.accounts()) {
    const parsed = parseOidcTokensAccount(account)
    if (!parsed || (origins && !origins.includes(parsed.org.origin))) continue
    const stored = await keychain.get(account)
    deps.log.secret(stored)
    const kept = stored === undefined ? undefined : parseKeptTokens(stored)
    // an item clokta cannot read names no token to revoke: it is forgotten, and the line says Okta was not told
    let revoked: TokensLogout['revoked'] = {failed: 'clokta could not read the kept tokens'}
    if (kept) {
      try {
        await revokeOidcTokens(parsed.org, parsed.clientId, kept, {http: await deps.http(), log: deps.log})
        revoked = true
      } catch (error) {
        revoked = {failed: messageOf(error).replace(/\.$/, '')}
      }
    }
    if (!(await keychain.delete(account))) {
      failed.push(`remove the Okta Identity Engine tokens for ${parsed.org.host}`)
      continue
    }
    // one line per org: a failed revocation of one client's tokens is not hidden by another's that worked
    const earlier = forgotten.get(parsed.org.origin)
    if (earlier === undefined || earlier.revoked === true) forgotten.set(parsed.org.origin, {org: parsed.org, revoked})
  }
  return [...forgotten.values()]
}

async function forgetIdentity({org, username}: Identity, deps: Deps, failed: string[]): Promise<IdentityLogout> {
  const {keychain, log} = deps
  const out: IdentityLogout = {org, username, password: false, seedKept: (await keychain.get(totpSeedAccount(org, username))) !== undefined}
  if ((await keychain.get(passwordAccount(org, username))) !== undefined) {
    if (await keychain.delete(passwordAccount(org, username))) out.password = true
    else failed.push(`remove the Okta password of ${username} at ${org.host}`)
  }
  const sid = await keychain.get(sessionAccount(org, username))
  if (sid !== undefined) {
    log.secret(sid)
    try {
      const http = await deps.http()
      out.session = await endSession(sid, new OktaApi(org, http, log, deps.clock), http)
    } catch (error) {
      out.session = {ended: false, why: (error as Error).message.replace(/\.$/, '')}
    }
    // forgotten even when Okta could not be told: the user asked for this machine to let go of it
    if (!(await keychain.delete(sessionAccount(org, username)))) {
      failed.push(`remove the Okta session of ${username} at ${org.host}`)
      out.session = undefined
    }
  }
  return out
}

/** Each org and user that clokta keeps a password, session or seed for, once. */
function uniqueIdentities(accounts: string[]): Identity[] {
  const byKey = new Map<string, Identity>()
  for (const account of accounts) {
    const parsed = parseAccount(account)
    if (parsed) byKey.set(`${parsed.org.origin} ${parsed.username}`, {org: parsed.org, username: parsed.username})
  }
  return [...byKey.values()]
}
