import type {ProfileCredentials} from '../model/credentials.js'

/** The variables every AWS SDK reads, in the order both the .env and the .sh list them. */
export function credentialVariables(pc: ProfileCredentials): [string, string][] {
  const c = pc.credentials
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')],
  ]
  if (pc.region) vars.push(['AWS_REGION', pc.region], ['AWS_DEFAULT_REGION', pc.region])
  return vars
}

export function artefactHeader(pc: ProfileCredentials): string {
  return `# AWS credentials for profile ${pc.profile} (${pc.roleArn}), written by clokta. Valid until ${pc.credentials.expiration.toISOString()}.`
}
