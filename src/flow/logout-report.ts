import type {SsoSignOut} from '../idp/aws-sso/sso-logout.js'
import type {SessionEnd} from '../idp/okta-classic/session.js'
import {displayPath} from '../io/paths.js'
import {PYTHON_CLOKTA_SERVICE} from './python-clokta-password.js'

/** What logout did for one Okta org and user. */
export interface IdentityLogout {
  org: URL
  username: string
  /** clokta's copy of the password was forgotten */
  password: boolean
  /** a session was forgotten, and how it was left at Okta */
  session?: SessionEnd
  /** an authenticator seed is kept, and stays */
  seedKept: boolean
}

/** A password the Python clokta kept, left in place, that clokta will not use again. */
export interface PythonLogout {
  username: string
}

/** An Identity Engine org's tokens, forgotten; revoked at Okta, or why not. */
export interface TokensLogout {
  org: URL
  revoked: true | {failed: string}
}

/** An IAM Identity Center sign-in, ended (see endSsoSignIn), and the profiles of ~/.aws/config that used it. */
export interface SsoLogout extends SsoSignOut {
  session?: string
  startUrl: string
  profiles: string[]
}

export type LogoutReport = {
  target: {profile?: string; all: boolean}
  /** IAM Identity Center sign-ins, which need no keychain */
  sso?: SsoLogout[]
} & (
  | {reachable: false}
  | {
      reachable: true
      identities: IdentityLogout[]
      python: PythonLogout[]
      /** what the keychain would not do, each as "remove ..." or "record ..." */
      failed: string[]
      /** the orgs whose Identity Engine tokens were forgotten */
      tokens?: TokensLogout[]
      /** the org of the Okta web identity profile logged out of (-p): only its tokens are kept */
      tokenOrg?: URL
    }
)

/** Plain words for what logout did, one line per thing, nothing it did not do. */
export function describeLogout(report: LogoutReport): string[] {
  const sso = (report.sso ?? []).filter((s) => s.cached || !report.target.all).flatMap(ssoLine)
  if (!report.reachable) return sso
  const lines: string[] = []
  const configure = report.target.profile
    ? `clokta configure -p ${report.target.profile} --forget-totp-seed`
    : 'clokta configure -p <profile> --forget-totp-seed'
  for (const id of report.identities) {
    const who = `${id.username} at ${id.org.host}`
    const parts = [id.password && 'password', id.session && 'session'].filter(Boolean).join(' and ')
    const tokensForgotten = report.tokens?.some((t) => t.org.origin === id.org.origin)
    if (parts) lines.push(`Forgot the Okta ${parts} of ${who}${sessionEnd(id.session)}`)
    else if (!tokensForgotten && (!id.seedKept || !report.target.all))
      lines.push(`clokta keeps no Okta password or session for ${who}: there was nothing to forget.`)
    if (id.seedKept) lines.push(`The authenticator seed for ${who} stays in the OS keychain (${configure} removes it).`)
  }
  for (const {org, revoked} of report.tokens ?? []) {
    lines.push(
      revoked === true
        ? `Forgot the Okta Identity Engine tokens for ${org.host} and revoked them at Okta: the next login there opens the browser.`
        : `Forgot the Okta Identity Engine tokens for ${org.host}, but revoking them at Okta failed (${revoked.failed}), so they last there until they expire; the next login there opens the browser.`,
    )
  }
  if (report.tokenOrg && !report.tokens?.length) lines.push(`clokta keeps no Okta tokens for ${report.tokenOrg.host}: there was nothing to forget.`)
  const ssoEnded = report.sso?.some((s) => s.cached)
  if (report.target.all && !report.identities.some((id) => id.password || id.session) && !report.tokens?.length && !ssoEnded) {
    lines.unshift('clokta keeps no Okta password or session in the OS keychain: there was nothing to forget.')
  }
  for (const {username} of report.python) {
    lines.push(
      `The Okta password the Python clokta kept for ${username} (service ${PYTHON_CLOKTA_SERVICE}) is left as it was for that tool; clokta will not use it again.`,
    )
  }
  return [...sso, ...lines]
}

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)

const ssoWhat = (s: SsoLogout) => (s.session === undefined ? `the start URL ${s.startUrl}` : `sso-session ${s.session}`)

/** One line per IAM Identity Center sign-in: how it was left at the service, and who must sign in again; a token left in place is told by logoutFailures. */
function ssoLine(s: SsoLogout): string[] {
  const what = ssoWhat(s)
  if (s.notRemoved !== undefined) return s.atService === 'ended' ? [`Signed out of IAM Identity Center (${what}).`] : []
  return [ssoOutcome(s, what)]
}

function ssoOutcome(s: SsoLogout, what: string): string {
  if (!s.cached) return `No IAM Identity Center token of ${what} is cached in ${displayPath(s.path)}: there was no sign-in to end.`
  const file = displayPath(s.path)
  const one = s.profiles.length === 1
  const who = s.profiles.length === 0 ? 'its profiles' : `profile${one ? '' : 's'} ${list(s.profiles)}`
  const next = `${who} sign${one ? 's' : ''} in again in the browser next time, with clokta or the AWS CLI alike`
  const at = s.atService
  if (at === 'ended') return `Signed out of IAM Identity Center (${what}) and removed its token ${file}: ${next}.`
  if (at === 'expired') return `Removed the expired IAM Identity Center token of ${what} (${file}): ${next}.`
  if (at === 'refused') return `Removed the IAM Identity Center token of ${what} (${file}), which IAM Identity Center no longer took: ${next}.`
  const why = at?.failed ?? 'unknown'
  return `Removed the IAM Identity Center token of ${what} (${file}), but signing out at IAM Identity Center failed (${why}), so that sign-in lasts there until it expires; ${next}.`
}

function sessionEnd(end: SessionEnd | undefined): string {
  if (!end) return '.'
  if (end.ended === false) return `; could not end that session at Okta (${end.why}), so it lasts there until it expires.`
  return end.ended === 'now' ? ', and ended that session at Okta.' : '; that session had already ended at Okta.'
}

/**
 * Each thing logout could not do, one line each: a cached IAM Identity Center token left in
 * place, an item the OS keychain would not remove or record. Everything else was still done.
 */
export function logoutFailures(report: LogoutReport): string[] {
  const lines: string[] = []
  for (const s of report.sso ?? []) {
    if (s.notRemoved === undefined) continue
    const atService = typeof s.atService === 'object' ? `; signing out at IAM Identity Center failed too (${s.atService.failed})` : ''
    lines.push(`The IAM Identity Center token of ${ssoWhat(s)} is still cached: ${lowerFirst(s.notRemoved).replace(/\.$/, '')}${atService}.`)
  }
  if (report.reachable) for (const what of report.failed) lines.push(`The OS keychain would not ${what}.`)
  return lines
}

/** What to do about logoutFailures: see to the keychain or the files, then log out again. */
export function logoutFailureHint(report: LogoutReport): string {
  const keychain = report.reachable && report.failed.length > 0
  const files = report.sso?.some((s) => s.notRemoved !== undefined)
  const fix = [keychain && 'your keychain app (service clokta)', files && 'the files named (or remove them yourself)'].filter(Boolean).join(' and ')
  return `Run clokta logout again, or see to it with ${fix}.`
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
