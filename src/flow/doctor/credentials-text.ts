import {formatDuration} from '../../config/duration.js'
import type {CredentialStatus} from '../credential-status.js'

/** What a profile row says of the credentials clokta last wrote for it. */
export function credentialsText(status: CredentialStatus | undefined, now: number): string {
  if (status === undefined) return 'credentials unknown'
  if (status.state === 'none') return 'never logged in (no credentials from clokta)'
  if (status.state === 'expired') return 'credentials expired'
  return `credentials valid for ${formatDuration(Math.round((status.expiration.getTime() - now) / 60_000) * 60)}`
}
