import {arrayOf, isNumber, isRecord, isString, optional, shape} from '../../io/json-shape.js'

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

/** A text field of a factor's profile (email, phoneNumber, questionText), if Okta sent it as text. */
export function profileText(factor: OktaFactor, key: string): string | undefined {
  const value = factor.profile?.[key]
  return typeof value === 'string' ? value : undefined
}

const isLink = shape<OktaLink>({
  href: isString,
  name: optional(isString),
  hints: optional(shape<{allow?: string[]}>({allow: optional(arrayOf(isString))})),
})

const isFactor = shape<OktaFactor>({
  id: isString,
  factorType: isString,
  provider: isString,
  vendorName: optional(isString),
  profile: optional(isRecord),
  _links: optional(shape<{verify?: OktaLink}>({verify: optional(isLink)})),
  _embedded: optional(
    shape<{challenge?: {correctAnswer?: number}}>({challenge: optional(shape<{correctAnswer?: number}>({correctAnswer: optional(isNumber)}))}),
  ),
})

type Embedded = NonNullable<OktaTransaction['_embedded']>
type Links = NonNullable<OktaTransaction['_links']>

const isTransaction = shape<OktaTransaction>({
  status: isString,
  stateToken: optional(isString),
  sessionToken: optional(isString),
  factorResult: optional(isString),
  expiresAt: optional(isString),
  _embedded: optional(
    shape<Embedded>({
      user: optional(shape<NonNullable<Embedded['user']>>({profile: optional(shape<{login?: string}>({login: optional(isString)}))})),
      factors: optional(arrayOf(isFactor)),
      factor: optional(isFactor),
      policy: optional(
        shape<NonNullable<Embedded['policy']>>({
          expiration: optional(shape<{passwordExpireDays?: number}>({passwordExpireDays: optional(isNumber)})),
        }),
      ),
    }),
  ),
  _links: optional(shape<Links>({next: optional(isLink), skip: optional(isLink), cancel: optional(isLink), resend: optional(arrayOf(isLink))})),
})

/**
 * An Okta transaction from its JSON text; throws when it is not one. Factors clokta cannot
 * verify (MFA_ENROLL lists the ones to set up, without ids) are left out rather than
 * failing the whole answer, as if Okta had not listed them.
 */
export function parseTransaction(text: string): OktaTransaction {
  const value: unknown = JSON.parse(text)
  if (isRecord(value) && isRecord(value._embedded)) {
    const embedded = value._embedded
    if (Array.isArray(embedded.factors)) embedded.factors = embedded.factors.filter(isFactor)
    if (embedded.factor !== undefined && !isFactor(embedded.factor)) delete embedded.factor
  }
  if (!isTransaction(value)) throw new TypeError('The JSON is not an Okta transaction.')
  return value
}

/** An Okta error body (`errorCode`, `errorSummary`, `errorCauses`). */
export interface OktaErrorBody {
  errorCode?: string
  errorSummary?: string
  errorCauses?: {errorSummary?: string}[]
}

export const isOktaErrorBody = shape<OktaErrorBody>({
  errorCode: optional(isString),
  errorSummary: optional(isString),
  errorCauses: optional(arrayOf(shape<{errorSummary?: string}>({errorSummary: optional(isString)}))),
})
