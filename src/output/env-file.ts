import {join} from 'node:path'

import {CloktaError} from '../errors.js'
import {cloktaDir} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {PreparedFile} from './artefact.js'
import {artefactHeader, credentialVariables} from './environment.js'

/**
 * ~/.clokta/<profile>.env for docker-compose `env_file:`. Compose takes unquoted values
 * literally, so values are written bare; one that could be misread (a space, a quote, a
 * `#`) is refused rather than written wrong. AWS keys and tokens never contain those.
 */
export const envFilePath = (profile: string) => join(cloktaDir(), `${profile}.env`)

export async function prepareEnvFile(pc: ProfileCredentials): Promise<PreparedFile> {
  const lines = [artefactHeader(pc)]
  for (const [name, value] of credentialVariables(pc)) {
    if (!/^[\x21-\x7e]*$/.test(value) || /["'#\\$`]/.test(value)) {
      throw new CloktaError(`The ${name} from AWS holds characters a docker-compose env_file cannot carry; nothing was written.`, 'file')
    }
    lines.push(`${name}=${value}`)
  }
  return {path: envFilePath(pc.profile), content: lines.join('\n') + '\n', mode: 0o600, dir: cloktaDir(), ownDir: true, symlinks: 'refuse'}
}
