import type {Finding, Status} from '../flow/doctor/findings.js'

const COLOUR: Record<Status, string> = {ok: '\x1b[32m', warning: '\x1b[33m', broken: '\x1b[31m'}
const HEADER = {check: 'CHECK', subject: 'SUBJECT', status: 'STATUS', detail: 'DETAIL'}
const GAP = '  '
const MAX_SUBJECT = 24
const MIN_DETAIL = 24

/** A long subject keeps its start and says it was cut; the JSON has it whole. */
function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

/** Lines of at most `width`, broken at spaces; a longer word (a URL) is broken where it must be. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word
    if (line && line.length + 1 + rest.length <= width) {
      line += ` ${rest}`
      continue
    }
    if (line) lines.push(line)
    while (rest.length > width) {
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    line = rest
  }
  return [...lines, line]
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** "9 ok, 2 warnings, 1 broken" */
export function doctorSummary(findings: Finding[]): string {
  const count = (s: Status) => findings.filter((f) => f.status === s).length
  return [`${count('ok')} ok`, plural(count('warning'), 'warning'), `${count('broken')} broken`].join(', ')
}

/**
 * The findings as a table no wider than `width` (80 by default): CHECK, SUBJECT (cut),
 * STATUS (coloured when asked), DETAIL (wrapped under itself), then the summary line.
 */
export function doctorTable(findings: Finding[], options: {width?: number; colour?: boolean} = {}): string[] {
  const width = options.width ?? 80
  const rows = [HEADER, ...findings]
  const checkWidth = Math.max(...rows.map((r) => r.check.length))
  const statusWidth = Math.max(...rows.map((r) => r.status.length))
  // a narrow window takes room from the subjects first, so that details keep MIN_DETAIL
  const room = width - checkWidth - statusWidth - GAP.length * 3 - MIN_DETAIL
  const subjectWidth = Math.max(8, Math.min(MAX_SUBJECT, room, Math.max(...rows.map((r) => r.subject.length))))
  const detailStart = checkWidth + subjectWidth + statusWidth + GAP.length * 3
  const detailWidth = Math.max(MIN_DETAIL, width - detailStart)
  const lines = rows.flatMap((r, i) => {
    const status = r.status.padEnd(statusWidth)
    const shown = options.colour && i > 0 ? `${COLOUR[r.status as Status]}${r.status}\x1b[0m${status.slice(r.status.length)}` : status
    const [first, ...more] = wrap(r.detail, detailWidth)
    const lead = [r.check.padEnd(checkWidth), cut(r.subject, subjectWidth).padEnd(subjectWidth), shown].join(GAP)
    return [`${lead}${GAP}${first}`.trimEnd(), ...more.map((m) => ' '.repeat(detailStart) + m)]
  })
  return [...lines, '', doctorSummary(findings)]
}
