import {dirname} from 'node:path'

import {CloktaError} from '../errors.js'
import {checkDirWritable, checkWritable, ensurePrivateDir, writeFileAtomic, type Symlinks} from '../io/atomic-file.js'
import {withFileLock, type WriteLock} from '../io/file-lock.js'
import {cloktaDir, displayPath, writeLockPath} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {ArtefactWriter, Destinations} from './artefact.js'
import {prepareRecord, recordPath} from './credential-record.js'
import {prepareCredentialsFile} from './credentials-file.js'
import {envFilePath, prepareEnvFile} from './env-file.js'
import {prepareShellScript, shellScriptPath} from './shell-script.js'

// The record goes last: it vouches for the others, so it must not outlive a failed write of them.
export const DEFAULT_ARTEFACTS: readonly ArtefactWriter[] = [prepareCredentialsFile, prepareEnvFile, prepareShellScript, prepareRecord]

/** Where the default writers put a profile's artefacts. */
function artefactTargets(profile: string, to: Destinations): {path: string; symlinks: Symlinks}[] {
  return [
    {path: to.credentialsFile, symlinks: 'follow'},
    {path: envFilePath(profile), symlinks: 'refuse'},
    {path: shellScriptPath(profile), symlinks: 'refuse'},
    {path: recordPath(profile), symlinks: 'refuse'},
  ]
}

/**
 * What can fail without Okta, asked before the password is sent: every file the profiles'
 * writes will replace (a folder or a symlink in the way, a folder clokta may not write in).
 * With no profile known yet (--all-roles), the shared places: ~/.aws/credentials and records/.
 */
export async function checkArtefactTargets(profiles: string[], to: Destinations): Promise<void> {
  if (profiles.length === 0) {
    await checkWritable(to.credentialsFile, 'follow')
    await checkDirWritable(dirname(recordPath('-')))
  }
  for (const target of profiles.flatMap((p) => artefactTargets(p, to))) await checkWritable(target.path, target.symlinks)
}

/**
 * Under the write lock (the run's, when it holds one), renders every artefact from the
 * files as they are now and checks every target (any failure leaves all of them
 * untouched), then writes each atomically. Should a later write fail, the message says
 * which files already hold the new credentials.
 */
export async function writeArtefacts(
  pc: ProfileCredentials,
  to: Destinations,
  lock?: WriteLock,
  writers: readonly ArtefactWriter[] = DEFAULT_ARTEFACTS,
): Promise<string[]> {
  await ensurePrivateDir(cloktaDir(), true)
  const write = async () => {
    const prepared = await Promise.all(writers.map((w) => w(pc, to)))
    for (const file of prepared) await checkWritable(file.path, file.symlinks)
    const written: string[] = []
    for (const file of prepared) {
      try {
        await ensurePrivateDir(file.dir, file.ownDir)
        await writeFileAtomic(file.path, file.content, file.mode, file.symlinks)
      } catch (error) {
        if (written.length === 0 || !(error instanceof CloktaError)) throw error
        throw new CloktaError(error.message, error.code, `Already updated: ${written.map(displayPath).join(', ')}.`, {cause: error})
      }
      written.push(file.path)
    }
    return written
  }
  return lock ? lock.writing(write) : withFileLock(writeLockPath(), write)
}
