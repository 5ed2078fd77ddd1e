import {ensurePrivateDir, writeFileAtomic} from '../io/atomic-file.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {ArtefactWriter} from './artefact.js'
import {prepareCredentialsFile} from './credentials-file.js'
import {prepareEnvFile} from './env-file.js'
import {prepareShellScript} from './shell-script.js'

export const DEFAULT_ARTEFACTS: readonly ArtefactWriter[] = [(pc) => prepareCredentialsFile(pc), prepareEnvFile, prepareShellScript]

/** Renders every artefact first (any failure leaves all files untouched), then writes each atomically. */
export async function writeArtefacts(pc: ProfileCredentials, writers: readonly ArtefactWriter[] = DEFAULT_ARTEFACTS): Promise<string[]> {
  const prepared = await Promise.all(writers.map((w) => w(pc)))
  for (const file of prepared) {
    await ensurePrivateDir(file.dir, file.ownDir)
    await writeFileAtomic(file.path, file.content, file.mode)
  }
  return prepared.map((f) => f.path)
}
