import {parseAppUrl} from '../config/app-url.js'
import {DEFAULT_SECTION, loadCloktaCfg} from '../config/clokta-cfg.js'
import {validateProfileName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {Deps} from './deps.js'

/**
 * The Okta org and username a profile logs in as: what its keychain secrets are kept
 * under. Read as the login reads them (environment over the profile over [DEFAULT]),
 * without asking, since forgetting or keeping a secret must not start a first run.
 */
export async function profileIdentity(profile: string, deps: Pick<Deps, 'env'>): Promise<{org: URL; username: string}> {
  validateProfileName(profile)
  const cfg = await loadCloktaCfg()
  const get = (key: string) => deps.env[key] || cfg.doc.get(profile, key) || cfg.doc.get(DEFAULT_SECTION, key)
  const appUrl = get('okta_aws_app_url')
  const username = get('okta_username')
  if (!appUrl || !username) {
    throw new CloktaError(`Profile ${profile} has no Okta app URL or username in ${displayPath(cfg.path)}.`, 'config', 'clokta configure --list shows the profiles.')
  }
  return {org: new URL(parseAppUrl(appUrl, `[${profile}] in ${displayPath(cfg.path)}`).origin), username: username.trim()}
}
