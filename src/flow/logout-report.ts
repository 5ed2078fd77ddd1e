import type {SessionEnd} from '../idp/okta-classic/session.js'
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

export type LogoutReport =
  | {reachable: false; target: {profile?: string; all: boolean}}
  | {
      reachable: true
      target: {profile?: string; all: boolean}
      identities: IdentityLogout[]
      python: PythonLogout[]
      /** what the keychain would not do, each as "remove ..." or "record ..." */
      failed: string[]
      /** the orgs whose Identity Engine tokens were forgotten */
      tokens?: URL[]
      /** the org of the Okta web identity profile logged out of (-p): only its tokens are kept */
      tokenOrg?: URL
    }

/** Plain words for what logout did, one line per thing, nothing it did not do. */
export function describeLogout(report: LogoutReport): string[] {
  if (!report.reachable) return []
  const lines: string[] = []
  const configure = report.target.profile
    ? `clokta configure -p ${report.target.profile} --forget-totp-seed`
    : 'clokta configure -p <profile> --forget-totp-seed'
  for (const id of report.identities) {
    const who = `${id.username} at ${id.org.host}`
    const parts = [id.password && 'password', id.session && 'session'].filter(Boolean).join(' and ')
    if (parts) lines.push(`Forgot the Okta ${parts} of ${who}${sessionEnd(id.session)}`)
    else if (!id.seedKept || !report.target.all) lines.push(`clokta keeps no Okta password or session for ${who}: there was nothing to forget.`)
    if (id.seedKept) lines.push(`The authenticator seed for ${who} stays in the OS keychain (${configure} removes it).`)
  }
  for (const org of report.tokens ?? []) lines.push(`Forgot the Okta Identity Engine tokens for ${org.host}: the next login there opens the browser.`)
  if (report.tokenOrg && !report.tokens?.length) lines.push(`clokta keeps no Okta tokens for ${report.tokenOrg.host}: there was nothing to forget.`)
  if (report.target.all && !report.identities.some((id) => id.password || id.session) && !report.tokens?.length) {
    lines.unshift('clokta keeps no Okta password or session in the OS keychain: there was nothing to forget.')
  }
  for (const {username} of report.python) {
    lines.push(
      `The Okta password the Python clokta kept for ${username} (service ${PYTHON_CLOKTA_SERVICE}) is left as it was for that tool; clokta will not use it again.`,
    )
  }
  return lines
}

function sessionEnd(end: SessionEnd | undefined): string {
  if (!end) return '.'
  if (end.ended === false) return `; could not end that session at Okta (${end.why}), so it lasts there until it expires.`
  return end.ended === 'now' ? ', and ended that session at Okta.' : '; that session had already ended at Okta.'
}
