import type {OktaFactor} from './types.js'
import type {VerifyFactor} from './factors/factor-context.js'
import {verifyEmail} from './factors/email.js'
import {verifyPush} from './factors/push.js'
import {verifySecurityQuestion} from './factors/security-question.js'
import {verifySms} from './factors/sms.js'
import {verifyToken} from './factors/token.js'
import {verifyTotp} from './factors/totp-app.js'
import {verifyVoiceCall} from './factors/voice-call.js'

/**
 * What clokta knows about each kind of Okta factor: the name a user knows it by (the
 * original clokta's multifactor_preference values first), other names accepted for it,
 * and how to verify it from a terminal. Kinds without `verify` need a browser.
 */
export interface FactorKind {
  factorType: string
  /** undefined: any provider */
  provider?: string
  label: string
  aliases: string[]
  verify?: VerifyFactor
  /** its code exists before Okta is asked (an app or a token), so --mfa-code can carry it */
  takesCode?: boolean
}

export const FACTOR_KINDS: readonly FactorKind[] = [
  {factorType: 'push', provider: 'OKTA', label: 'Okta Verify with Push', aliases: ['push', 'okta push'], verify: verifyPush},
  {
    factorType: 'token:software:totp',
    provider: 'OKTA',
    label: 'Okta Verify',
    aliases: ['okta verify code', 'okta totp'],
    verify: verifyTotp('Okta Verify'),
    takesCode: true,
  },
  {
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
    label: 'Google Authenticator',
    aliases: ['google', 'google totp'],
    verify: verifyTotp('Google Authenticator'),
    takesCode: true,
  },
  {factorType: 'token:software:totp', label: 'Authenticator app', aliases: ['totp'], verify: verifyTotp('authenticator app'), takesCode: true},
  {factorType: 'sms', provider: 'OKTA', label: 'SMS text message', aliases: ['sms', 'text'], verify: verifySms},
  {factorType: 'call', provider: 'OKTA', label: 'Voice call', aliases: ['call', 'voice', 'phone call'], verify: verifyVoiceCall},
  {factorType: 'email', provider: 'OKTA', label: 'Email', aliases: ['email', 'e-mail'], verify: verifyEmail},
  {
    factorType: 'token:hardware',
    provider: 'YUBICO',
    label: 'YubiKey',
    aliases: ['yubikey', 'yubico'],
    verify: verifyToken('YubiKey', /^[cbdefghijklnrtuv]{32,64}$/i, 'Touch the YubiKey to type its code (44 letters).'),
    takesCode: true,
  },
  {
    factorType: 'token',
    provider: 'RSA',
    label: 'RSA SecurID',
    aliases: ['rsa', 'securid'],
    verify: verifyToken('RSA SecurID', /^\d{4,16}$/, 'Type your PIN and the token code, digits only.'),
    takesCode: true,
  },
  {
    factorType: 'token',
    provider: 'SYMANTEC',
    label: 'Symantec VIP',
    aliases: ['symantec', 'vip'],
    verify: verifyToken('Symantec VIP', /^\d{6,8}$/, 'Type the 6 digits VIP Access shows.'),
    takesCode: true,
  },
  {
    factorType: 'token:hotp',
    label: 'HOTP token',
    aliases: ['hotp'],
    verify: verifyToken('HOTP token', /^\d{6,8}$/, 'Type the digits the token shows.'),
    takesCode: true,
  },
  {
    factorType: 'token',
    label: 'Hardware token',
    aliases: ['token'],
    verify: verifyToken('token', /^\S{4,64}$/, 'Type the code the token shows.'),
    takesCode: true,
  },
  {factorType: 'question', label: 'Security question', aliases: ['question', 'security question'], verify: verifySecurityQuestion},
  {factorType: 'webauthn', provider: 'FIDO', label: 'Security key or biometric (WebAuthn)', aliases: ['webauthn', 'fido']},
  {factorType: 'u2f', provider: 'FIDO', label: 'U2F security key', aliases: ['u2f']},
  {factorType: 'web', provider: 'DUO', label: 'Duo Security', aliases: ['duo']},
  {factorType: 'claims_provider', label: 'Duo Universal Prompt', aliases: ['duo universal']},
]

/** Names to offer for multifactor_preference: the factors a terminal can drive, one per kind. */
export function preferenceChoices(): string[] {
  return FACTOR_KINDS.filter((k) => k.verify && k.provider).map((k) => k.label)
}

/** True when `name` names some kind of factor (for checking a preference before any login). */
export function isFactorName(name: string): boolean {
  const wanted = name.trim().toLowerCase()
  return FACTOR_KINDS.some((k) =>
    [k.label, k.factorType, ...k.aliases, ...(k.provider ? [`${k.provider} ${k.factorType}`] : [])].some((n) => n.toLowerCase() === wanted),
  )
}

/** The kind for a factor: an exact provider match first, then a kind for any provider. */
export function kindOf(factor: OktaFactor): FactorKind | undefined {
  const provider = factor.provider.toUpperCase()
  return (
    FACTOR_KINDS.find((k) => k.factorType === factor.factorType && k.provider === provider) ??
    FACTOR_KINDS.find((k) => k.factorType === factor.factorType && k.provider === undefined)
  )
}

export function factorLabel(factor: OktaFactor): string {
  const kind = kindOf(factor)
  if (!kind) return `${factor.provider} ${factor.factorType}`
  return kind.provider === undefined && factor.provider && factor.provider.toUpperCase() !== 'OKTA'
    ? `${kind.label} (${factor.provider})`
    : kind.label
}

export function canVerify(factor: OktaFactor): boolean {
  return kindOf(factor)?.verify !== undefined
}

export function takesCode(factor: OktaFactor): boolean {
  return kindOf(factor)?.takesCode === true
}

export interface FactorPreference {
  /** a name: "Okta Verify with Push", an alias such as push, a factor type, or "PROVIDER type" */
  value?: string
  /** --mfa-provider / --mfa-factor-type, as aws-okta has them */
  provider?: string
  factorType?: string
  /** where the preference came from, to name it in messages */
  source?: string
}

export function describePreference(p: FactorPreference): string {
  return [p.value, p.provider && `provider ${p.provider}`, p.factorType && `type ${p.factorType}`].filter(Boolean).join(', ')
}

/**
 * The kind that stands for every provider of the factor's type: "Authenticator app" (totp)
 * names Okta Verify's code and Google Authenticator as much as any other app.
 */
function familyOf(factor: OktaFactor): FactorKind | undefined {
  return FACTOR_KINDS.find((k) => k.factorType === factor.factorType && k.provider === undefined)
}

/** True when the factor fits every part of the preference that is given. */
export function factorMatches(factor: OktaFactor, p: FactorPreference): boolean {
  if (p.provider && factor.provider.toLowerCase() !== p.provider.trim().toLowerCase()) return false
  if (p.factorType && factor.factorType.toLowerCase() !== p.factorType.trim().toLowerCase()) return false
  if (!p.value) return true
  const wanted = p.value.trim().toLowerCase()
  const names = [factor.factorType, `${factor.provider} ${factor.factorType}`, factorLabel(factor)]
  for (const kind of [kindOf(factor), familyOf(factor)]) if (kind) names.push(kind.label, ...kind.aliases)
  return names.some((n) => n.toLowerCase() === wanted)
}
