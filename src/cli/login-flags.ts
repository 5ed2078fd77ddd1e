import {Flags} from '@oclif/core'

import type {LoginFlags} from '../flow/profile-settings.js'

/**
 * The flags that shape one login (role, durations, MFA, reuse), shared by every command that
 * logs in on the way to its own output (login, exec, env, ...), so that each says and means
 * the same thing everywhere.
 */
export const loginFlags = {
  role: Flags.string({description: 'Role to assume: its ARN, its name, or <account id>/<name>. Not remembered.'}),
  'no-default-role': Flags.boolean({description: 'Ask for the role again instead of using the remembered one.', default: false}),
  duration: Flags.string({
    aliases: ['session-ttl'],
    description:
      "How long the SAML role's credentials last: seconds, or 1h, 90m... (15m to 12h). Default: the app's SessionDuration, else 12h. Alias: --session-ttl.",
  }),
  'assume-role-ttl': Flags.string({description: 'How long chained roles (role_arn + source_profile) last; AWS allows at most 1h. Default: 1h.'}),
  mfa: Flags.string({
    description:
      'MFA factor to use: "Okta Verify with Push", "Okta Verify", "Google Authenticator", "SMS text message", "Voice call", "Email", "YubiKey", "RSA SecurID", "Symantec VIP", or a factor type such as push.',
  }),
  'mfa-provider': Flags.string({description: 'Only factors of this Okta provider (OKTA, GOOGLE, YUBICO, RSA, SYMANTEC), as aws-okta has it.'}),
  'mfa-factor-type': Flags.string({
    description: 'Only factors of this Okta type (push, token:software:totp, sms, call, email, token:hardware, token).',
  }),
  'mfa-code': Flags.string({description: 'One-time code for a code factor (authenticator app, YubiKey, token), for scripts; tried once.'}),
  'push-timeout': Flags.integer({description: 'Seconds to wait for an Okta Verify push to be approved.', default: 60, min: 1}),
  force: Flags.boolean({description: 'Log in even though the credentials are still valid.', default: false}),
  'min-remaining': Flags.string({
    description: 'Log in again only when the credentials expire sooner than this (default 10m; clokta.cfg: refresh_before).',
  }),
  'no-session': Flags.boolean({
    description: 'Do not reuse the Okta session (or Identity Engine tokens) kept in the keychain for this run.',
    default: false,
  }),
  engine: Flags.string({
    description:
      "The Okta org's engine: classic (the authn API) or idx (Identity Engine: a device login in the browser). Default: asked of the org. clokta.cfg: okta_engine.",
    options: ['classic', 'idx'],
  }),
  'no-browser': Flags.boolean({
    description: 'Print the device sign-in URL and code (Okta Identity Engine, IAM Identity Center) without opening a browser.',
    default: false,
  }),
}

/** What parsing `loginFlags` yields. */
export interface ParsedLoginFlags {
  role?: string
  'no-default-role': boolean
  duration?: string
  'assume-role-ttl'?: string
  mfa?: string
  'mfa-provider'?: string
  'mfa-factor-type'?: string
  'mfa-code'?: string
  'push-timeout': number
  force: boolean
  'min-remaining'?: string
  'no-session': boolean
  engine?: string
  'no-browser'?: boolean
}

export function toLoginFlags(flags: ParsedLoginFlags): LoginFlags {
  return {
    role: flags.role,
    duration: flags.duration,
    assumeRoleTtl: flags['assume-role-ttl'],
    mfa: flags.mfa,
    mfaProvider: flags['mfa-provider'],
    mfaFactorType: flags['mfa-factor-type'],
    mfaCode: flags['mfa-code'],
    noDefaultRole: flags['no-default-role'],
    pushTimeoutSeconds: flags['push-timeout'],
    minRemaining: flags['min-remaining'],
    force: flags.force,
    noSession: flags['no-session'],
    engine: flags.engine,
    noBrowser: flags['no-browser'] ?? false,
  }
}
