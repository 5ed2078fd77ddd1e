import type {CredentialStatus} from '../flow/credential-status.js'
import {roleLabel, validUntil} from './summary.js'

export interface ProfileRow {
  profile: string
  appUrl?: string
  /** the remembered role (okta_aws_role_to_assume), or an Okta web identity profile's role_arn */
  role?: string
  /** an Okta web identity profile's org */
  webIdentityOrg?: string
  status: CredentialStatus
}

function credentialsCell(status: CredentialStatus, now: Date): string {
  return status.state === 'valid' ? validUntil(status.expiration, now) : status.state
}

const appCell = (r: ProfileRow) => r.appUrl ?? (r.webIdentityOrg === undefined ? '(no app URL)' : `${r.webIdentityOrg} (Okta web identity)`)

/** `configure --list`: a header, then a line per profile, in columns. */
export function profileTable(rows: ProfileRow[], now: Date): string[] {
  const cells = [
    ['PROFILE', 'APP URL / ROLE', 'CREDENTIALS'],
    ...rows.map((r) => [r.profile, `${appCell(r)}${r.role ? ` / ${roleLabel(r.role)}` : ''}`, credentialsCell(r.status, now)]),
  ]
  const widths = [0, 1].map((i) => Math.max(...cells.map((c) => c[i].length)))
  return cells.map(([a, b, c]) => `${a.padEnd(widths[0])}  ${b.padEnd(widths[1])}  ${c}`)
}
