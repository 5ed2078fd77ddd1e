import type {Credentials} from '../model/credentials.js'

/**
 * What a `credential_process` program prints for the AWS CLI and SDKs (Version 1). Keys
 * without a session token (an IAM user's) leave SessionToken out, as the format allows.
 */
export function credentialProcessJson(c: Credentials): string {
  const json = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? {SessionToken: c.sessionToken} : {}),
    Expiration: c.expiration.toISOString(),
  }
  return JSON.stringify(json) + '\n'
}
