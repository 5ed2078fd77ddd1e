import {validateProfileName} from '../config/profile-name.js'
import type {World} from '../config/world.js'
import type {Credentials} from '../model/credentials.js'
import {chainFor} from './chain-for.js'
import {chainedQuestion} from './chain-question.js'
import {readProfileSettings, type LoginFlags} from './read-profile-settings.js'
import {stillValidCredentials} from './sources/cached.js'
import {madeBySso, validityQuestion} from './validity-question.js'

/** What a login that finds the credentials still valid reports (see stillValidOutcome in login-profile.ts). */
export interface StillValidResult {
  credentials: Credentials
  roleArn: string
  /** an IAM Identity Center profile's (see LoginOutcome) */
  ssoRole?: boolean
  /** the files that hold them: the .env and .sh */
  written: string[]
  /** chained in ~/.aws/config (role_arn + source_profile) */
  chained: boolean
}

/**
 * The credentials a login of this one profile would hand back without contacting anyone
 * (the same settings, chain and validity question as login() asks), or undefined when
 * that login would log in. Reads the user's files and nothing else, asks nothing, writes
 * nothing: what the fast paths (src/fast) serve before oclif loads.
 */
export async function stillValidFor(profile: string, flags: LoginFlags, world: World, now: number): Promise<StillValidResult | undefined> {
  validateProfileName(profile)
  const run = {world, updates: {cfg: () => world.cfg()}, deps: {clock: {now: () => now}}}
  const chain = await chainFor(profile, run)
  const question = chain
    ? (await chainedQuestion(profile, chain, flags, run)).question
    : await validityQuestion(await readProfileSettings(profile, flags, run), flags, run)
  const valid = question && (await stillValidCredentials(question))
  if (!valid) return undefined
  const sso = madeBySso(valid.record.madeFor) ? {ssoRole: true} : {}
  return {credentials: valid.credentials, roleArn: valid.record.roleArn, ...sso, written: question.artefacts, chained: chain !== undefined}
}
