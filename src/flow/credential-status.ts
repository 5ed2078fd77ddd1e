import {isValidProfileName} from '../config/profile-name.js'
import type {World} from '../config/world.js'
import {readRecord} from '../output/credential-record.js'

export type CredentialStatus = {state: 'valid' | 'expired'; expiration: Date; roleArn: string} | {state: 'none'}

/**
 * What clokta last wrote for each profile, from its record alone (nobody is contacted):
 * valid or expired by the expiry STS gave, and 'none' without a record or once
 * ~/.aws/credentials no longer holds the keys it vouches for (someone replaced or removed them).
 */
export async function credentialStatuses(profiles: string[], now: number, world: World): Promise<CredentialStatus[]> {
  const credentials = await world.awsCredentials()
  const keysOf = (p: string) => credentials.profile(p)
  return Promise.all(
    profiles.map(async (profile): Promise<CredentialStatus> => {
      // a section name that is no profile name could lead a record path out of its directory
      const record = isValidProfileName(profile) ? await readRecord(profile) : undefined
      const keys = keysOf(profile)
      if (!record || keys.aws_access_key_id !== record.accessKeyId || !keys.aws_secret_access_key) return {state: 'none'}
      const expiration = new Date(record.expiration)
      return {state: expiration.getTime() > now ? 'valid' : 'expired', expiration, roleArn: record.roleArn}
    }),
  )
}
