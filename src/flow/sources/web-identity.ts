import {readFile} from 'node:fs/promises'

import {shownName} from '../../config/profile-name.js'
import type {Region} from '../../config/region.js'
import type {WebIdentityProfile} from '../../config/web-identity-profile.js'
import {CloktaError} from '../../errors.js'
import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import {assumeRoleWithWebIdentity} from '../../sts/assume-role-with-web-identity.js'
import type {StsApi} from '../../sts/sts-client.js'
import {once, type CredentialSource} from './credential-source.js'

/** A web identity profile ready for STS. */
export interface WebIdentityLogin {
  profile: string
  web: WebIdentityProfile
  sts: StsApi
  region: Region
}

/**
 * The token file's content, read when it is used, never kept: Kubernetes and other
 * issuers rotate it in place. Missing, unreadable or empty is one line naming the file.
 */
export async function readWebIdentityToken(file: string, profile: string): Promise<string> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`
    throw new CloktaError(
      `The web identity token file ${file} of profile ${shownName(profile)} ${why}.`,
      'config',
      'Check web_identity_token_file in ~/.aws/config.',
    )
  }
  const token = text.trim()
  if (token === '') throw new CloktaError(`The web identity token file ${file} of profile ${shownName(profile)} is empty.`, 'config')
  return token
}

/** AssumeRoleWithWebIdentity with the token file's current token, once. */
export function webIdentity(login: WebIdentityLogin, {clock, log}: {clock: Clock; log: Logger}): CredentialSource {
  return once({
    name: `${login.web.roleArn} (profile ${login.profile}, web identity)`,
    get: async () => {
      const token = await readWebIdentityToken(login.web.tokenFile, login.profile)
      log.secret(token)
      const now = clock.now()
      return assumeRoleWithWebIdentity(
        {
          roleArn: login.web.roleArn,
          token,
          // as the SDKs name a session the profile does not name
          roleSessionName: login.web.roleSessionName ?? `clokta-session-${Math.floor(now / 1000)}`,
          durationSeconds: login.web.durationSeconds,
          durationSource: 'duration_seconds in ~/.aws/config',
          now,
          profile: login.profile,
        },
        login.sts,
        log,
      )
    },
  })
}
