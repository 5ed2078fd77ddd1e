import type {AwsCredentials} from '../../config/world.js'
import {CloktaError} from '../../errors.js'
import type {CredentialSource} from './credential-source.js'

/** Keys a profile already holds in ~/.aws/credentials (an IAM user's, say), as a chain's base. */
export interface StaticKeys extends CredentialSource {
  /** they carry a session token: AssumeRole on them is role chaining, which AWS caps at an hour */
  roleSession: boolean
}

export function staticKeys(profile: string, file: AwsCredentials): StaticKeys {
  const section = file.profile(profile)
  if (!section.aws_access_key_id || !section.aws_secret_access_key) {
    throw new CloktaError(`Profile ${profile} in ~/.aws/credentials has no access key and secret.`, 'config')
  }
  const credentials = {
    accessKeyId: section.aws_access_key_id,
    secretAccessKey: section.aws_secret_access_key,
    // a long-term key pair has no session token (the section's type says every key is there)
    sessionToken: 'aws_session_token' in section ? section.aws_session_token : '',
    // long-term keys do not expire; the chain's hops set the expiry
    expiration: new Date(8.64e15),
  }
  return {name: `the keys of ${profile}`, roleSession: credentials.sessionToken !== '', get: async () => credentials}
}
