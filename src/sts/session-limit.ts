/**
 * What clokta has learned about one role's maximum session (IAM's MaxSessionDuration),
 * which STS never states: it only refuses a longer DurationSeconds with a ValidationError.
 * Remembered per role so that later logins ask for what works at once, with no refused
 * call and no repeated warning.
 */
export interface SessionLimit {
  /** the longest duration STS has granted */
  grantedSeconds: number
  /** the shortest duration STS has refused as above the maximum */
  refusedSeconds: number
  /** when a refusal last taught this (ISO 8601) */
  learnedAt: string
}

/** What the original clokta fell back to when a role's maximum session is shorter. */
export const FALLBACKS = [14_400, 3_600]

/**
 * Administrators may raise a role's maximum: a limit older than this is probed again
 * from the duration asked for (one refused call a week at most, and only if still lower).
 */
export const RELEARN_AFTER_MS = 7 * 24 * 3600 * 1000

const isFresh = (limit: SessionLimit | undefined, now: number): boolean => limit !== undefined && now - Date.parse(limit.learnedAt) < RELEARN_AFTER_MS

/**
 * The durations to try, longest first: what is asked for, then what is known to work and
 * the fallbacks (4 h, 1 h: each role's maximum is between 1 h and 12 h). A fresh limit
 * skips what it knows STS refuses; a shorter duration asked for is simply used.
 */
export function durationAttempts(asked: number, limit: SessionLimit | undefined, now: number): number[] {
  // a fresh limit knows what STS refuses
  const refused = limit && isFresh(limit, now) ? limit.refusedSeconds : Infinity
  const candidates = [asked, limit?.grantedSeconds, ...FALLBACKS].filter((d): d is number => d !== undefined && d <= asked && d < refused)
  return [...new Set(candidates)].sort((a, b) => b - a)
}

export interface LimitLesson {
  /** what is known now: a new limit, null to forget it (the maximum went up), undefined when nothing changed */
  learned: SessionLimit | null | undefined
  /** the user hears about the shorter session: not again while it is what was already known */
  tell: boolean
}

/** What one AssumeRoleWithSAML run (its granted duration, its shortest refusal if any) teaches about the role's limit. */
export function learnLimit(known: SessionLimit | undefined, granted: number, refused: number | undefined, now: number): LimitLesson {
  if (refused !== undefined) {
    // a weekly re-probe that finds the same maximum is no news
    const same = known !== undefined && !isFresh(known, now) && known.grantedSeconds === granted
    return {learned: {grantedSeconds: granted, refusedSeconds: refused, learnedAt: new Date(now).toISOString()}, tell: !same}
  }
  if (known === undefined) return {learned: undefined, tell: false}
  if (granted >= known.refusedSeconds) return {learned: null, tell: false}
  if (granted > known.grantedSeconds) return {learned: {...known, grantedSeconds: granted}, tell: false}
  return {learned: undefined, tell: false}
}
