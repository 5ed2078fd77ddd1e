import {readTextIfExists} from '../io/atomic-file.js'
import {displayPath} from '../io/paths.js'
import {awsCredentialsPath, loadAwsConfig, type AwsConfig} from './aws-config.js'
import {loadCloktaCfg, type CfgChange, type CloktaCfg} from './clokta-cfg.js'
import {IniDocument} from './ini-document.js'

/** ~/.aws/credentials as the run found it: each profile's keys. */
export interface AwsCredentials {
  path: string
  profile(name: string): Record<string, string>
}

/**
 * What one run reads of the user's files, each once: clokta.cfg, ~/.aws/config and
 * ~/.aws/credentials, and the environment that names them. A file is read when first
 * asked for, so a run that never needs one (configure never reads ~/.aws/config) is not
 * stopped by it, and an unreadable one fails at the moment it always did. Nothing here
 * changes during the run: what the run changes in clokta.cfg is saved once, at its end
 * (see CfgUpdates), and the writers read ~/.aws/credentials again under their lock.
 */
export interface World {
  readonly env: NodeJS.ProcessEnv
  cfg(): Promise<CloktaCfg>
  awsConfig(): Promise<AwsConfig>
  awsCredentials(): Promise<AwsCredentials>
}

async function loadAwsCredentials(path: string): Promise<AwsCredentials> {
  const text = await readTextIfExists(path)
  const doc = text === undefined ? IniDocument.empty() : IniDocument.parse(text, displayPath(path))
  return {path, profile: (name) => doc.entries(name)}
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined
  return () => (loaded ??= load())
}

export function openWorld(env: NodeJS.ProcessEnv = process.env): World {
  return Object.freeze({
    env,
    cfg: once(() => loadCloktaCfg()),
    awsConfig: once(() => loadAwsConfig(env)),
    awsCredentials: once(() => loadAwsCredentials(awsCredentialsPath(env))),
  })
}

/** The same world, with clokta.cfg as it reads once `changes` are saved. */
export function withCfgChanges(world: World, changes: CfgChange[]): World {
  if (changes.length === 0) return world
  const cfg = once(async () => (await world.cfg()).withChanges(changes))
  return Object.freeze({...world, cfg})
}
