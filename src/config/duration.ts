import {CloktaError} from '../errors.js'

const UNIT_SECONDS: Record<string, number> = {h: 3600, m: 60, s: 1}

/** Reads `3600`, `1h`, `90m`, `1h30m`, `45s` as seconds; `source` names where it came from. */
export function parseDuration(raw: string, source: string): number {
  const text = raw.trim().toLowerCase()
  if (/^\d+$/.test(text)) return Number(text)
  const parts = [...text.matchAll(/(\d+)([hms])/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new CloktaError(`${source} is "${raw}", which is not a duration: use seconds (3600) or a form like 1h, 90m, 1h30m.`, 'config')
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit], 0)
}

/** 12h, 4h, 1h30m, 15m: how durations are shown to the user. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s && !h ? `${s}s` : ''}`
  return out || '0s'
}
