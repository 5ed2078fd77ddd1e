import {execFileSync} from 'node:child_process'

const VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION']

/** What a shell sees after sourcing the script, from an empty environment. */
export function sourced(shell: string, script: string): Record<string, string> {
  const out = execFileSync(
    shell,
    ['-c', `. "$1" && for v in ${VARS.join(' ')}; do eval "x=\\\${$v-UNSET}"; printf '%s=%s\\n' "$v" "$x"; done`, shell, script],
    {
      env: {PATH: process.env.PATH},
      encoding: 'utf8',
    },
  )
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
      .filter(([, v]) => v !== 'UNSET'),
  )
}
