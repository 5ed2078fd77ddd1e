import {formatDuration} from '../config/duration.js'
import {displayPath} from '../io/paths.js'

function clockTime(date: Date, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return date.toDateString() === now.toDateString()
    ? time
    : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`
}

/** "valid until 16:02 (12h)": the local time, and how long from now, rounded to the minute. */
export function validUntil(expiration: Date, now = new Date()): string {
  const seconds = Math.max(0, Math.round((expiration.getTime() - now.getTime()) / 60_000) * 60)
  return `valid until ${clockTime(expiration, now)} (${formatDuration(seconds)})`
}

export function loginSummary(
  outcome: {kind: 'logged-in' | 'still-valid'; profile: string; written: string[]; credentials: {expiration: Date}},
  inlineHelp: boolean,
): string {
  const {profile, written} = outcome
  const expiration = outcome.credentials.expiration
  const head =
    outcome.kind === 'still-valid'
      ? `AWS credentials for profile ${profile} are still ${validUntil(expiration)}; nothing to do (--force logs in again).`
      : `AWS credentials for profile ${profile} are ${validUntil(expiration)}.`
  if (!inlineHelp) return `${head} Run:  export AWS_PROFILE=${profile}`
  const envFile = written.find((p) => p.endsWith('.env'))
  const script = written.find((p) => p.endsWith('.sh'))
  return [
    head,
    'To use them with docker-compose, add to the service:',
    '    env_file:',
    `      - ${envFile ? displayPath(envFile) : `~/.clokta/${profile}.env`}`,
    'In shell scripts or on another machine:',
    `    source ${script ? displayPath(script) : `~/.clokta/${profile}.sh`}`,
    'In this shell:',
    `    export AWS_PROFILE=${profile}`,
  ].join('\n')
}
