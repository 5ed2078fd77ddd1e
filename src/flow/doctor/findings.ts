/**
 * What `clokta doctor` reports: one finding per thing a support person would ask about.
 * `warning` is something that works but costs the user (no keychain, an old Node, a file
 * others can read); `broken` is something that stops a login (a file that does not parse,
 * an org that cannot be reached), and makes doctor exit 1.
 */
export type Status = 'ok' | 'warning' | 'broken'

export interface Finding {
  /** the group: node, config, profile, okta, clock, keychain, proxy, mode, lock */
  check: string
  /** what was checked: a file, a profile, an org's host, a variable */
  subject: string
  status: Status
  detail: string
}

export const ok = (check: string, subject: string, detail: string): Finding => ({check, subject, status: 'ok', detail})
export const warning = (check: string, subject: string, detail: string): Finding => ({check, subject, status: 'warning', detail})
export const broken = (check: string, subject: string, detail: string): Finding => ({check, subject, status: 'broken', detail})
