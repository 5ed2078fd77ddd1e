import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'
import {shownName} from './profile-name.js'

/** A web identity profile of ~/.aws/config, as the SDKs read it (web_identity_token_file + role_arn). */
export interface WebIdentityProfile {
  profile: string
  tokenFile: string
  roleArn: string
  roleSessionName?: string
  durationSeconds?: number
}

/** Whether a section of ~/.aws/config is a web identity profile, as webIdentityProfileOf decides. */
export const hasTokenFile = (section: Partial<Record<string, string>> | undefined): boolean => !!section?.web_identity_token_file?.trim()

/**
 * The profile's web identity settings, or undefined when it sets no web_identity_token_file.
 * A token file without role_arn, or a duration that is no number of seconds, is refused naming the key.
 */
export function webIdentityProfileOf(profile: string, awsConfig: AwsConfig): WebIdentityProfile | undefined {
  // any key may be missing, whatever the record's type says
  const section: Partial<Record<string, string>> | undefined = awsConfig.profile(profile)
  if (section === undefined || !hasTokenFile(section)) return undefined
  const tokenFile = (section.web_identity_token_file ?? '').trim()
  const where = `Profile ${shownName(profile)} in ${displayPath(awsConfig.path)}`
  const roleArn = section.role_arn?.trim()
  if (!roleArn) throw new CloktaError(`${where} has web_identity_token_file but no role_arn to assume with it.`, 'config')
  let durationSeconds: number | undefined
  const duration = section.duration_seconds?.trim()
  if (duration) {
    durationSeconds = Number(duration)
    if (!/^\d+$/.test(duration) || durationSeconds < 900 || durationSeconds > 43_200) {
      throw new CloktaError(`${where} has duration_seconds = ${duration}; give a number of seconds from 900 to 43200.`, 'config')
    }
  }
  return {profile, tokenFile, roleArn, roleSessionName: section.role_session_name?.trim() || undefined, durationSeconds}
}
