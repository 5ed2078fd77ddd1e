/** What an identity-provider login yields for AWS: a SAML assertion and who it is for. */
export interface SamlGrant {
  /** base64 SAMLResponse exactly as Okta issued it; a secret */
  assertion: string
  /** the app URL it came from, for error messages */
  appUrl: string
  username: string
}
