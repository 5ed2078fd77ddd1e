import {CloktaError} from '../errors.js'
import {ensurePrivateDir, writeFileAtomic} from '../io/atomic-file.js'
import {withFileLock} from '../io/file-lock.js'
import {cloktaDir, displayPath, writeLockPath} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {ArtefactWriter, Destinations} from './artefact.js'
import {prepareRecord} from './credential-record.js'
import {prepareCredentialsFile} from './credentials-file.js'
import {prepareEnvFile} from './env-file.js'
import {prepareShellScript} from './shell-script.js'

// The record goes last: it vouches for the others, so it must not outlive a failed write of them.
export const DEFAULT_ARTEFACTS: readonly ArtefactWriter[] = [prepareCredentialsFile, prepareEnvFile, prepareShellScript, prepareRecord]

/**
 * Under the write lock, renders every artefact from the files as they are now (any failure
 * leaves all of them untouched), then writes each atomically. Should a later write fail,
 * the message says which files already hold the new credentials.
 */
export async function writeArtefacts(
  pc: ProfileCredentials,
  to: Destinations,
  writers: readonly ArtefactWriter[] = DEFAULT_ARTEFACTS,
): Promise<string[]> {
  await ensurePrivateDir(cloktaDir(), true)
  return withFileLock(writeLockPath(), async () => {
    const prepared = await Promise.all(writers.map((w) => w(pc, to)))
    const written: string[] = []
    for (const file of prepared) {
      try {
        await ensurePrivateDir(file.dir, file.ownDir)
        await writeFileAtomic(file.path, file.content, file.mode)
      } catch (error) {
        if (written.length === 0 || !(error instanceof CloktaError)) throw error
        throw new CloktaError(error.message, error.code, `Already updated: ${written.map(displayPath).join(', ')}.`, {cause: error})
      }
      written.push(file.path)
    }
    return written
  })
}
