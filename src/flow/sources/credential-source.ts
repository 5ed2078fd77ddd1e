import type {Credentials} from '../../model/credentials.js'

/**
 * One way to get credentials, as the AWS SDK's credential providers and aws-vault's are:
 * sources wrap each other (assumeRole over any source), and a new way to log in (a device
 * flow, web identity) is one more source beside the others. Whatever must ask the user is
 * done while the source is made; get() is the network work alone, so a run makes every
 * source in turn, then gets them all at once.
 */
export interface CredentialSource {
  /** what it is, for messages: "profile website (Okta)", "the keys of iam-user" */
  name: string
  get(): Promise<Credentials>
}

/** get() runs once, whoever asks first: a base several chains share is assumed once. */
export function once(source: CredentialSource): CredentialSource {
  let got: Promise<Credentials> | undefined
  return {name: source.name, get: () => (got ??= source.get())}
}

/** Credentials already in hand (still valid, say). */
export const fixed = (name: string, credentials: Credentials): CredentialSource => ({name, get: async () => credentials})
