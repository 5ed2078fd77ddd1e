import {join} from 'node:path'

import {cloktaDir} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {PreparedFile} from './artefact.js'
import {artefactHeader, credentialVariables} from './environment.js'

/** Single quotes keep every byte literal in bash, dash and zsh; a quote inside closes, escapes and reopens. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export const shellScriptPath = (profile: string) => join(cloktaDir(), `${profile}.sh`)

/** ~/.clokta/<profile>.sh, for `source ~/.clokta/<profile>.sh` in scripts and on remote machines. */
export async function prepareShellScript(pc: ProfileCredentials): Promise<PreparedFile> {
  const lines = [artefactHeader(pc), ...credentialVariables(pc).map(([name, value]) => `export ${name}=${shellQuote(value)}`)]
  return {path: shellScriptPath(pc.profile), content: lines.join('\n') + '\n', mode: 0o600, dir: cloktaDir(), ownDir: true, symlinks: 'refuse'}
}
