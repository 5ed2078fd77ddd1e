import {execFileSync, spawnSync} from 'node:child_process'

import {KEYCHAIN_ENV, PASSWORD, returningUserCfg, type Harness} from './harness.js'
import {noteKeyringReached} from './run-cli.js'

/** What the keychain CLI tests (test/cli/keychain*.test.ts) share: setups and a look into the Secret Service. */
export const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
export const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
export const keepPassword = (h: Harness) =>
  h.cfg(
    returningUserCfg(h.fake, {profile: developer, defaults: 'save_password_in_keychain = True\n'}) +
      `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}`,
  )

/** Looks into the Secret Service the way a user would, with secret-tool. */
export function secretTool(...args: string[]): string | undefined {
  noteKeyringReached()
  const r = spawnSync('secret-tool', args, {encoding: 'utf8', env: {...process.env, ...KEYCHAIN_ENV}})
  return r.status === 0 ? r.stdout : undefined
}
export const lookup = (kind: 'password' | 'session' | 'totp-seed', h: Harness) =>
  secretTool('lookup', 'service', 'clokta', 'username', `okta-${kind} ${h.fake.oktaUrl} jdoe@example.com`)
export const store = (kind: 'password' | 'session', h: Harness, secret: string) => {
  noteKeyringReached()
  execFileSync('secret-tool', ['store', '--label', 'test', 'service', 'clokta', 'username', `okta-${kind} ${h.fake.oktaUrl} jdoe@example.com`], {
    input: secret,
    env: {...process.env, ...KEYCHAIN_ENV},
  })
}
/**
 * The Python clokta's password item, attribute for attribute as Python keyring's
 * SecretService backend creates it (label included); the value as its __obfuscate left
 * it, made by that Python code for jdoe@example.com.
 */
export const PYTHON_STORED = {[PASSWORD]: 'w43Dk8Ohw5fCpcOIw6zCgcOVw5_DnsOYwpM=', 'an old password': 'w4vDksKPw5TCrMOJwpjDkcOOw6PDn8Ocwp3DlcOT'}
export const storePython = (password: keyof typeof PYTHON_STORED) => {
  noteKeyringReached()
  execFileSync(
    'secret-tool',
    [
      'store',
      '--label',
      "Password for 'jdoe@example.com' on 'clokta.okta_password'",
      'service',
      'clokta.okta_password',
      'username',
      'jdoe@example.com',
      'application',
      'Python keyring library',
      'xdg:schema',
      'org.freedesktop.Secret.Generic',
    ],
    {input: PYTHON_STORED[password], env: {...process.env, ...KEYCHAIN_ENV}},
  )
}
export const lookupPython = () => secretTool('lookup', 'service', 'clokta.okta_password', 'username', 'jdoe@example.com')
/** The Python clokta's item is per username, not per org, so each test starts without it (and without clokta's note on it). */
export const clearPython = () => {
  secretTool('clear', 'service', 'clokta.okta_password')
  secretTool('clear', 'service', 'clokta', 'username', 'python-clokta-password jdoe@example.com')
}
export const authnPasswords = (h: Harness) =>
  h.fake.requests.filter((q) => q.path === '/api/v1/authn').map((q) => JSON.parse(q.body).password as string)
