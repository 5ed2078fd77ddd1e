import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'

export interface Region {
  value: string
  source: string
  /** false when it is only the fallback: artefacts then leave AWS_REGION to the user */
  known: boolean
}

/**
 * The region the AWS tools resolve for the profile: the environment first (AWS_REGION, which
 * the JS SDK and the AWS CLI v2 read, before AWS_DEFAULT_REGION, botocore's), then the
 * profile's region in ~/.aws/config ([DEFAULT] included), else us-east-1.
 */
export function resolveRegion(profile: string, awsConfig: AwsConfig, env: NodeJS.ProcessEnv): Region {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name]
    if (value) return {value, source: `environment variable ${name}`, known: true}
  }
  const fromConfig = awsConfig.profile(profile)?.region
  if (fromConfig) return {value: fromConfig, source: `${awsConfig.sourceOf(profile, 'region')} in ${displayPath(awsConfig.path)}`, known: true}
  return {value: 'us-east-1', source: 'the default', known: false}
}
