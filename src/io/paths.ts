import {homedir} from 'node:os'
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

/** A path from the environment with a leading ~ meaning $HOME, as botocore and the AWS SDKs read AWS_CONFIG_FILE. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') || path.startsWith('~' + sep) ? join(homedir(), path.slice(1)) : path
}

/** Held while clokta rewrites shared files; see file-lock.ts. */
export function writeLockPath(): string {
  return join(cloktaDir(), '.write.lock')
}
