import {spawnSync} from 'node:child_process'

/**
 * Programs some tests use that a developer's machine may lack (zsh, dash, fish). On such a machine
 * the part of a test that needs one is skipped with one notice line per program; in CI
 * (CI=true), where .ci/run installs them, a missing one fails the run instead, so a skip
 * can never hide untested behaviour there.
 */
const DEBIAN_PACKAGE: Record<string, string> = {zsh: 'zsh', dash: 'dash', 'secret-tool': 'libsecret-tools'}
const known = new Map<string, boolean>()

export function hasProgram(name: string): boolean {
  let found = known.get(name)
  if (found === undefined) {
    found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], {stdio: 'ignore'}).status === 0
    known.set(name, found)
    if (!found) {
      if (process.env.CI === 'true')
        throw new Error(`${name} is not installed, and CI=true: .ci/run installs it (Debian: ${DEBIAN_PACKAGE[name] ?? name})`)
      console.log(`  (${name} is not installed: the tests' ${name} checks are skipped; Debian: apt-get install ${DEBIAN_PACKAGE[name] ?? name})`)
    }
  }
  return found
}

/** The POSIX shells a generated script is checked with: bash always, dash and zsh when present. */
export const shells = (): string[] => ['bash', ...['dash', 'zsh'].filter(hasProgram)]
