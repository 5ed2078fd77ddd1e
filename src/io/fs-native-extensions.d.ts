// The two calls clokta makes of fs-native-extensions (which ships no types).
declare module 'fs-native-extensions' {
  /** false when another open file holds the lock; flock/OFD locks on Unix, LockFileEx on Windows */
  export function tryLock(fd: number, offset?: number, length?: number, options?: {shared?: boolean}): boolean
  export function unlock(fd: number, offset?: number, length?: number): void
}
