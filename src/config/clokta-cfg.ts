import {join} from 'node:path'

import {ensurePrivateDir, readTextIfExists, writeFileAtomic} from '../io/atomic-file.js'
import {withFileLock} from '../io/file-lock.js'
import {cloktaDir, displayPath, writeLockPath} from '../io/paths.js'
import {IniDocument} from './ini-document.js'

/**
 * ~/.clokta/clokta.cfg, in the original clokta's layout: a [DEFAULT] section for what is
 * the same everywhere (okta_username, multifactor_preference) and one section per profile
 * (okta_aws_app_url, okta_aws_role_to_assume). Profile sections inherit [DEFAULT], as
 * Python's configparser made them.
 */
export const DEFAULT_SECTION = 'DEFAULT'
/** account id → name, shown in the role prompt and usable in --all-roles profile names */
export const ACCOUNTS_SECTION = 'accounts'

export interface CloktaCfg {
  path: string
  doc: IniDocument
}

export function cloktaCfgPath(): string {
  return join(cloktaDir(), 'clokta.cfg')
}

export async function loadCloktaCfg(path = cloktaCfgPath()): Promise<CloktaCfg> {
  const text = await readTextIfExists(path)
  return {path, doc: text === undefined ? IniDocument.empty() : IniDocument.parse(text, displayPath(path))}
}

export interface CfgChange {
  section: string
  key: string
  /** undefined removes the key */
  value: string | undefined
}

/**
 * Re-reads the file before applying the changes, so an edit the user made while a prompt
 * was open is not overwritten; only the named keys change.
 */
export async function saveCloktaCfg(changes: CfgChange[], path = cloktaCfgPath()): Promise<void> {
  if (changes.length === 0) return
  await ensurePrivateDir(cloktaDir(), true)
  await withFileLock(writeLockPath(), async () => {
    const {doc} = await loadCloktaCfg(path)
    // [DEFAULT] first, so that a new file reads as configparser (the original clokta) writes it
    const ordered = [...changes].sort((a, b) => Number(b.section === DEFAULT_SECTION) - Number(a.section === DEFAULT_SECTION))
    for (const change of ordered) {
      if (change.value === undefined) doc.delete(change.section, change.key)
      else doc.set(change.section, change.key, change.value)
    }
    await writeFileAtomic(path, doc.toString(), 0o600)
  })
}
