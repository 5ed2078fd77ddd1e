import type {OktaFactor} from './types.js'
import type {VerifyFactor} from './factors/factor-context.js'
import {verifyWithPasscode} from './factors/passcode.js'
import {verifyPush} from './factors/push.js'
import {verifySms} from './factors/sms.js'

/**
 * What clokta knows about each kind of Okta factor: the name a user knows it by (the
 * original clokta's multifactor_preference values), other names accepted for it, and how
 * to verify it from a terminal (undefined: it needs a browser or a device clokta cannot drive).
 */
export interface FactorKind {
  factorType: string
  provider: string
  label: string
  aliases: string[]
  verify?: VerifyFactor
}

export const FACTOR_KINDS: readonly FactorKind[] = [
  {factorType: 'push', provider: 'OKTA', label: 'Okta Verify with Push', aliases: ['push', 'okta push'], verify: verifyPush},
  {
    factorType: 'token:software:totp',
    provider: 'OKTA',
    label: 'Okta Verify',
    aliases: ['okta verify code', 'okta totp'],
    verify: verifyWithPasscode('Okta Verify'),
  },
  {
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
    label: 'Google Authenticator',
    aliases: ['google', 'google totp'],
    verify: verifyWithPasscode('Google Authenticator'),
  },
  {factorType: 'sms', provider: 'OKTA', label: 'SMS text message', aliases: ['sms', 'text'], verify: verifySms},
  {factorType: 'webauthn', provider: 'FIDO', label: 'Security key or biometric (WebAuthn)', aliases: ['webauthn']},
  {factorType: 'u2f', provider: 'FIDO', label: 'U2F security key', aliases: ['u2f']},
  {factorType: 'web', provider: 'DUO', label: 'Duo Security', aliases: ['duo']},
]

export function kindOf(factor: OktaFactor): FactorKind | undefined {
  return FACTOR_KINDS.find((k) => k.factorType === factor.factorType && k.provider === factor.provider.toUpperCase())
}

export function factorLabel(factor: OktaFactor): string {
  return kindOf(factor)?.label ?? `${factor.provider} ${factor.factorType}`
}

/** True when `preference` names this factor: its label, an alias, its type, or "PROVIDER type". */
export function factorMatches(factor: OktaFactor, preference: string): boolean {
  const wanted = preference.trim().toLowerCase()
  const kind = kindOf(factor)
  const names = [
    factor.factorType,
    `${factor.provider} ${factor.factorType}`,
    ...(kind ? [kind.label, ...kind.aliases] : []),
  ].map((n) => n.toLowerCase())
  return names.includes(wanted)
}
