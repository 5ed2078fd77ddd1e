import type {AwsConfig} from './aws-config.js'

export interface Region {
  value: string
  source: string
  /** false when it is only the fallback: artefacts then leave AWS_REGION to the user */
  known: boolean
}

/** The profile's region in ~/.aws/config, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. */
export function resolveRegion(profile: string, awsConfig: AwsConfig, env: NodeJS.ProcessEnv): Region {
  const fromConfig = awsConfig.profile(profile)?.region
  if (fromConfig) return {value: fromConfig, source: `[profile ${profile}] in ${awsConfig.path}`, known: true}
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    if (env[name]) return {value: env[name]!, source: `environment variable ${name}`, known: true}
  }
  return {value: 'us-east-1', source: 'the default', known: false}
}
