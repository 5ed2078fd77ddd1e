import {readFileSync, statSync} from 'node:fs'

/**
 * node:fs/promises as the fast bundle sees it (build:fast aliases it here): the fast paths
 * read a handful of small files, and the promise API costs more than the reads (loading
 * fs/promises, starting libuv's thread pool). An absent file is told by a stat that does not
 * throw, because node's ENOENT error is itself costly to build, and ~/.aws/config is often
 * absent; an ENOTDIR parent reads as absent too, which ends in the full command anyway (the
 * credentials beside it are then unreadable as well). Whatever writes is no part of a fast
 * path: it rejects, and the run goes to the full command.
 */
export async function readFile(path: string): Promise<Buffer> {
  if (statSync(path, {throwIfNoEntry: false}) === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), {code: 'ENOENT'})
  return readFileSync(path)
}

const notFast = async (): Promise<never> => {
  throw new Error('not on a fast path')
}

// every name the bundled modules import from node:fs/promises (esbuild checks they exist)
export const [access, chmod, link, lstat, mkdir, open, readdir, readlink, rename, stat, unlink] = Array<typeof notFast>(11).fill(notFast)
