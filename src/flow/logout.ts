import {CloktaError} from '../errors.js'
import {OktaApi} from '../idp/okta-classic/okta-api.js'
import {endSession} from '../idp/okta-classic/session.js'
import {parseOidcTokensAccount} from '../idp/okta-device/device-tokens.js'
import type {World} from '../config/world.js'
import type {Deps} from './deps.js'
import type {IdentityLogout, LogoutReport, PythonLogout} from './logout-report.js'
import {parseAccount, passwordAccount, sessionAccount, totpSeedAccount} from './okta-secrets.js'
import {oktaWebIdentityOrg, profileIdentity} from './profile-identity.js'
import {doneWithPythonPassword, fingerprint, PYTHON_CLOKTA_SERVICE, pythonDoneAccount} from './python-clokta-password.js'

interface Identity {
  org: URL
  username: string
}

/**
 * Forgets what clokta keeps in the keychain (the Okta password and session) for one
 * profile's org and user, or for all of them; each session is also ended at Okta, so a
 * copied cookie is worthless. AWS credentials are left alone: they expire by themselves.
 * An authenticator seed stays: it is set up once, like enrolling the factor, and
 * `clokta configure --forget-totp-seed` removes it. The Python clokta's password stays
 * too (it is that tool's), but clokta stops reading it, or the next login would quietly
 * bring back the password just forgotten.
 */
export async function logout(target: {profile?: string; all: boolean}, deps: Deps, world: World): Promise<LogoutReport> {
  const {keychain} = deps
  let identities: Identity[]
  let pythonUsers: string[]
  // an Okta web identity profile keeps only its org's tokens: no password, session or user
  let tokenOrg: URL | undefined
  if (target.all) {
    identities = uniqueIdentities(await keychain.accounts())
    pythonUsers = await keychain.accounts(PYTHON_CLOKTA_SERVICE)
  } else {
    // the command asks for -p or --all before calling
    if (target.profile === undefined) throw new CloktaError('Log out of what? Give -p <profile>, or --all.', 'usage')
    tokenOrg = await oktaWebIdentityOrg(target.profile, world)
    const identity = tokenOrg === undefined ? await profileIdentity(target.profile, world) : undefined
    identities = identity ? [identity] : []
    pythonUsers = identity ? [identity.username] : []
  }
  if (!(await keychain.available())) return {reachable: false, target}
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
  return {reachable: true, target, identities: forgotten, python, failed, tokens, tokenOrg}
}

/** An Identity Engine org's OIDC tokens (per org and client, not user): those of these orgs, or all. */
async function forgetOidcTokens(origins: string[] | undefined, {keychain}: Deps, failed: string[]): Promise<URL[]> {
  const forgotten = new Map<string, URL>()
  for (const account of await keychain.accounts()) {
    const parsed = parseOidcTokensAccount(account)
    if (!parsed || (origins && !origins.includes(parsed.org.origin))) continue
    if (await keychain.delete(account)) forgotten.set(parsed.org.origin, parsed.org)
    else failed.push(`remove the Okta Identity Engine tokens for ${parsed.org.host}`)
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
