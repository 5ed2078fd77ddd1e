/** The parts of Okta's Authentication API (classic) transaction objects that clokta reads. */
export interface OktaLink {
  href: string
  name?: string
  hints?: {allow?: string[]}
}

export interface OktaFactor {
  id: string
  factorType: string
  provider: string
  vendorName?: string
  profile?: Record<string, unknown>
  _links?: {verify?: OktaLink}
  _embedded?: {challenge?: {correctAnswer?: number}}
}

export interface OktaTransaction {
  status: string
  stateToken?: string
  sessionToken?: string
  factorResult?: string
  expiresAt?: string
  _embedded?: {
    user?: {profile?: {login?: string}}
    factors?: OktaFactor[]
    factor?: OktaFactor
    policy?: {expiration?: {passwordExpireDays?: number}}
  }
  _links?: {
    next?: OktaLink
    skip?: OktaLink
    cancel?: OktaLink
    resend?: OktaLink[]
  }
}
