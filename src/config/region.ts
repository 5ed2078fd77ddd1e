import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'
import {shownName} from './profile-name.js'

export interface Region {
  value: string
  source: string
  /** false when it is only the fallback: artefacts then leave AWS_REGION to the user */
  known: boolean
}

/**
 * A region code as AWS names them (us-east-1, eu-central-2, us-gov-west-1, cn-north-1,
 * us-isob-east-1), the SDK's fips-/-fips forms, or a partition's -global. The region becomes
 * part of the STS host name (sts.<region>.amazonaws.com) and of every signature, so a bad
 * one is refused before the password is sent, not by the SDK after the login.
 */
const REGION_NAME = /^(fips-)?[a-z]{2,4}(-[a-z]+)+-\d{1,2}(-fips)?$|^aws(-[a-z]+)*-global$/

/** `value` when it is a region name; otherwise an error naming where it came from. */
export function checkRegionName(value: string, source: string): string {
  if (REGION_NAME.test(value)) return value
  throw new CloktaError(
    `The region "${shownName(value)}" from ${source} is not a region name.`,
    'config',
    'Region names are lower case, such as us-east-1 or eu-west-2.',
  )
}

/**
 * The region the AWS tools resolve for the profile: the environment first (AWS_REGION, which
 * the JS SDK and the AWS CLI v2 read, before AWS_DEFAULT_REGION, botocore's), then the
 * profile's region in ~/.aws/config ([DEFAULT] included), else us-east-1.
 */
export function resolveRegion(profile: string, awsConfig: AwsConfig, env: NodeJS.ProcessEnv): Region {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name]
    if (value) {
      const source = `environment variable ${name}`
      return {value: checkRegionName(value, source), source, known: true}
    }
  }
  const fromConfig = awsConfig.profile(profile)?.region
  if (fromConfig) {
    const source = `${awsConfig.sourceOf(profile, 'region')} in ${displayPath(awsConfig.path)}`
    return {value: checkRegionName(fromConfig, source), source, known: true}
  }
  return UNSET_REGION
}

/** No region set: the SDKs' and the AWS CLI's us-east-1, which artefacts leave to the user. */
export const UNSET_REGION: Region = Object.freeze({value: 'us-east-1', source: 'the default', known: false})
