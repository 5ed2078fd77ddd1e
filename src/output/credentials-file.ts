import {dirname} from 'node:path'

import {IniDocument} from '../config/ini-document.js'
import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {Destinations, PreparedFile} from './artefact.js'

/**
 * The profile's section of ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE). Only the
 * four keys clokta owns change; older clokta wrote them upper-case, and keys match without
 * case so those lines are replaced rather than duplicated.
 */
async function readCredentialsFile(path: string): Promise<IniDocument> {
  const existing = await readTextIfExists(path)
  return existing === undefined ? IniDocument.empty() : IniDocument.parse(existing, displayPath(path))
}

export async function prepareCredentialsFile(pc: ProfileCredentials, {credentialsFile: path}: Destinations): Promise<PreparedFile> {
  const doc = await readCredentialsFile(path)
  const c = pc.credentials
  doc.set(pc.profile, 'aws_access_key_id', c.accessKeyId)
  doc.set(pc.profile, 'aws_secret_access_key', c.secretAccessKey)
  doc.set(pc.profile, 'aws_session_token', c.sessionToken)
  doc.set(pc.profile, 'x_security_token_expires', c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'))
  return {path, content: doc.toString(), mode: 0o600, dir: dirname(path), ownDir: false, symlinks: 'follow'}
}
