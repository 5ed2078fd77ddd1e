import {CloktaError} from '../errors.js'
import {msUntilNextStep, totpCode, totpKey} from '../idp/totp.js'
import type {World} from '../config/world.js'
import type {Deps} from './deps.js'
import {totpSeedAccount} from './okta-secrets.js'
import {loginKindOf, profileIdentity} from './profile-identity.js'
import {shownName} from '../config/profile-name.js'

/**
 * `clokta configure --totp-seed`: keeps an authenticator app's base32 seed in the OS
 * keychain under the profile's Okta org and username, so that every profile of that org
 * makes its codes without asking, and the seed is in no file. Never a plaintext fallback.
 */
export async function keepTotpSeed(profile: string, deps: Deps, world: World): Promise<void> {
  await refuseOktaWebIdentity(profile, world, 'to keep a seed for')
  const {org, username} = await profileIdentity(profile, world)
  if (!(await deps.keychain.available())) {
    throw new CloktaError(
      `${deps.keychain.notice().replace(/: clokta will .*$/, '')}: the authenticator seed cannot be kept.`,
      'config',
      'Set okta_onetimepassword_secret in the environment instead.',
    )
  }
  // From the environment for scripts; typed masked otherwise: a seed in argv would be visible to every user
  const given = world.env.okta_onetimepassword_secret
  const seed = (
    given ??
    (await deps.prompter.password({
      message: 'Authenticator seed (the base32 key shown when setting up the app)',
      subject: 'the authenticator seed',
      provide: 'set okta_onetimepassword_secret in the environment',
    }))
  ).trim()
  deps.log.secret(seed)
  const source = given === undefined ? 'The seed typed' : 'okta_onetimepassword_secret'
  const key = totpKey(seed, source)
  // kept as apps show it, however it was typed (spaces, lower case, padding)
  const canonical = seed.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '')
  if (!(await deps.keychain.set(totpSeedAccount(org, username), canonical))) {
    throw new CloktaError(
      'The OS keychain did not keep the authenticator seed.',
      'config',
      'Set okta_onetimepassword_secret in the environment instead.',
    )
  }
  const now = deps.clock.now()
  deps.log.info(`Kept the authenticator seed for ${username} at ${org.host} in the OS keychain.`)
  // The user checks the copy against the app now rather than at the next login
  deps.log.info(`Its code now is ${totpCode(key, now)} (for ${Math.ceil(msUntilNextStep(now) / 1000)} s more): it should match your app.`)
}

/** `clokta configure --forget-totp-seed` */
export async function forgetTotpSeed(profile: string, deps: Deps, world: World): Promise<boolean> {
  await refuseOktaWebIdentity(profile, world, 'whose seed to forget')
  const {org, username} = await profileIdentity(profile, world)
  const account = totpSeedAccount(org, username)
  if (!(await deps.keychain.available())) {
    deps.log.info(`${deps.keychain.notice().replace(/: clokta will .*$/, '')}: no seed is kept, so there is nothing to forget.`)
    return false
  }
  if ((await deps.keychain.get(account)) === undefined) {
    deps.log.info(`No authenticator seed is kept for ${username} at ${org.host}.`)
    return false
  }
  if (!(await deps.keychain.delete(account))) throw new CloktaError('The OS keychain did not remove the authenticator seed.', 'config')
  deps.log.info(`Forgot the authenticator seed for ${username} at ${org.host}.`)
  return true
}

/**
 * An Okta web identity profile has no user or password factor, so no seed is kept under it:
 * saying so beats profileIdentity's "no app URL or username", which sends the user to set them.
 */
async function refuseOktaWebIdentity(asked: string, world: World, what: string): Promise<void> {
  const {profile, kind} = await loginKindOf(asked, world)
  if (kind.kind !== 'okta-web-identity') return
  const via = profile === asked ? '' : ` (the source of ${shownName(asked)})`
  throw new CloktaError(
    `Profile ${shownName(profile)}${via} has okta_web_identity = true: it signs in with Okta's device login and has no TOTP factor ${what}.`,
    'usage',
  )
}
