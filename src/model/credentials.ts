/** Temporary AWS credentials; `expiration` is what STS said, never a guess from the request. */
export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

/** What the writers need: the credentials, the profile they belong to, and its region. */
export interface ProfileCredentials {
  profile: string
  credentials: Credentials
  region?: string
  roleArn: string
  /** the duration the settings asked for, if any: recorded so a changed setting means a new login */
  askedSeconds?: number
  /** see CredentialRecord */
  madeFor?: string
  soleRole?: boolean
}
