import {ok, warning, type Finding} from './findings.js'
import type {DoctorContext} from './survey.js'

/** As curl and proxy-from-env read them: the lowercase name first, then the uppercase one. */
const NAMES = ['https_proxy', 'http_proxy', 'all_proxy', 'no_proxy']

/** `http://user:secret@proxy:3128` → `http://user:****@proxy:3128`; the password may hold an @. */
export function maskProxyUrl(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)?([^/:@]*):([^/]*)@/i, '$1$2:****@')
}

/** lowercase first (the one in force), then UPPERCASE, then any other spelling */
const spelling = (name: string) => (name === name.toLowerCase() ? 0 : name === name.toUpperCase() ? 1 : 2)

function valueFinding(name: string, value: string): Finding {
  if (value.trim() === '') return ok('proxy', name, 'empty: no proxy')
  if (name.toLowerCase() === 'no_proxy') return ok('proxy', name, `not proxied: ${value}`)
  const shown = maskProxyUrl(value)
  try {
    new URL(value.includes('://') ? value : `http://${value}`)
  } catch {
    return warning('proxy', name, `not a proxy URL: ${shown}`)
  }
  return ok('proxy', name, shown)
}

/** HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY in any case, which of them is in force, passwords masked. */
export function proxyFindings(env: NodeJS.ProcessEnv): Finding[] {
  const set = Object.keys(env)
    .filter((k) => NAMES.includes(k.toLowerCase()) && env[k] !== undefined)
    .sort((a, b) => NAMES.indexOf(a.toLowerCase()) - NAMES.indexOf(b.toLowerCase()) || spelling(a) - spelling(b))
  if (set.length === 0) return [ok('proxy', '(none)', 'no HTTPS_PROXY, HTTP_PROXY, ALL_PROXY or NO_PROXY: connections go direct')]
  return set.map((name) => {
    const lower = name.toLowerCase()
    if (name !== lower && name !== name.toUpperCase()) {
      return warning('proxy', name, `ignored: only ${lower} and ${name.toUpperCase()} are read`)
    }
    // proxy-from-env, curl and most tools take the lowercase one when both are set (and not empty)
    if (name !== lower && env[lower]) {
      const same = env[lower] === env[name]
      return (same ? ok : warning)('proxy', name, `${same ? 'same as' : 'differs from'} ${lower}, which is the one in force`)
    }
    return valueFinding(name, env[name] ?? '')
  })
}

export async function proxySettings(c: DoctorContext): Promise<Finding[]> {
  return proxyFindings(c.world.env)
}
