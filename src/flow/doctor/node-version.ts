import type {DoctorContext} from './survey.js'
import {ok, warning, type Finding} from './findings.js'

/** Node's release schedule (github.com/nodejs/Release): each major's end of life. */
const END_OF_LIFE: Record<number, string> = {
  16: '2023-09-11',
  17: '2022-06-01',
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
  26: '2029-04-30',
}
const NEAR_MS = 90 * 86_400_000
const YEAR_MS = 365 * 86_400_000

/** The oldest LTS (even) release that still has a year of fixes ahead. */
function advice(now: number): string {
  const next = Object.entries(END_OF_LIFE).find(([major, eol]) => Number(major) % 2 === 0 && Date.parse(eol) - now > YEAR_MS)
  return next ? `upgrade to Node ${next[0]} or later` : 'upgrade to a supported Node'
}

export function nodeFinding(version: string, now: number): Finding {
  const subject = `v${version.replace(/^v/, '')}`
  const major = Number.parseInt(version.replace(/^v/, ''), 10)
  const known = Object.keys(END_OF_LIFE).map(Number)
  if (major > Math.max(...known)) return ok('node', subject, 'newer than any end-of-life date this clokta knows')
  const eol = END_OF_LIFE[major] as string | undefined
  if (eol === undefined) return warning('node', subject, `long past its end of life: no security fixes; ${advice(now)}`)
  const left = Date.parse(eol) - now
  if (left <= 0) return warning('node', subject, `past its end of life (${eol}): no security fixes; ${advice(now)}`)
  if (left <= NEAR_MS) return warning('node', subject, `end of life on ${eol}, in ${Math.ceil(left / 86_400_000)} days; ${advice(now)}`)
  return ok('node', subject, `supported until ${eol}`)
}

export async function nodeVersion(c: DoctorContext): Promise<Finding[]> {
  return [nodeFinding(c.deps.node.version, c.deps.clock.now())]
}
