import {homedir, userInfo} from 'node:os'
import {join, sep} from 'node:path'

/** Where clokta keeps its own files; follows $HOME so tests and containers can move it. */
export function cloktaDir(): string {
  return join(homedir(), '.clokta')
}

/** Paths in messages read as the user types them: ~/.aws/credentials, not /home/jdoe/... */
export function displayPath(path: string): string {
  const home = homedir()
  return path === home || path.startsWith(home + sep) ? '~' + path.slice(home.length) : path
}

/**
 * A path from AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE as botocore opens it (POSIX):
 * os.path.expandvars ($NAME and ${NAME}; unknown names stay as written), then
 * os.path.expanduser (a leading ~ is $HOME, ~name that user's home, known here only for the
 * current user; any other ~name stays as written).
 */
export function expandPath(path: string, env: NodeJS.ProcessEnv): string {
  const expanded = path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => env[name.startsWith('{') ? name.slice(1, -1) : name] ?? whole)
  if (!expanded.startsWith('~')) return expanded
  const end = expanded.indexOf('/', 1) === -1 ? expanded.length : expanded.indexOf('/', 1)
  const home = homeOf(expanded.slice(1, end), env)
  if (home === undefined) return expanded
  return home.replace(/\/+$/, '') + expanded.slice(end) || '/'
}

function homeOf(user: string, env: NodeJS.ProcessEnv): string | undefined {
  if (user === '' && env.HOME !== undefined) return env.HOME
  try {
    const me = userInfo()
    return user === '' || user === me.username ? me.homedir : undefined
  } catch {
    return undefined // no password entry for this uid
  }
}

/** Held while clokta rewrites shared files; see file-lock.ts. */
export function writeLockPath(): string {
  return join(cloktaDir(), '.write.lock')
}
