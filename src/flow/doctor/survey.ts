import {parseAppUrl} from '../../config/app-url.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION, type CloktaCfg} from '../../config/clokta-cfg.js'
import {oktaWebIdentityProfileOf} from '../../config/okta-web-identity-profile.js'
import type {AwsConfig} from '../../config/aws-config.js'
import {checkKindConflict} from '../../config/profile-kind.js'
import {resolveSettings, type Resolved} from '../../config/resolve-settings.js'
import type {World} from '../../config/world.js'
import {messageOf} from '../../errors.js'
import {fetchOktaOrganization} from '../../idp/okta-org.js'
import type {DoctorDeps} from './deps.js'
import {readCfgLeniently, type LenientCfg} from './lenient-cfg.js'

/** A profile of clokta.cfg as a login would see it (the environment's values in force), or why it cannot be read. */
export interface ProfileSurvey {
  name: string
  appUrl?: URL
  /** an Okta web identity profile's org and role (okta_web_identity = true): no app URL */
  webIdentity?: {org: URL; roleArn: string}
  username?: string
  /** okta_oidc_client_id: the OIDC app of an Identity Engine org's device login */
  oidcClientId?: string
  problem?: string
  /** the problem is that ~/.aws/config makes it another kind of profile (see checkKindConflict): its row replaces that profile's */
  kindConflict?: true
}

/** What an org said to GET /.well-known/okta-organization, or why it said nothing. */
export type OrgProbe =
  {reachable: false; reason: string} | {reachable: true; status: number; ms: number; pipeline?: string; dateMs?: number; midpointMs: number}

/**
 * What every check shares: the run's World and Deps, the profiles read once, and one
 * probe per org, so that a profile row and its org's rows come from the same answer.
 */
export interface DoctorContext {
  world: World
  deps: DoctorDeps
  /** clokta.cfg, read past the lines that do not parse */
  cfg(): Promise<LenientCfg>
  profiles(): Promise<ProfileSurvey[]>
  probe(org: URL): Promise<OrgProbe>
}

const WEB_IDENTITY_SETTINGS = ['oktaWebIdentity', 'orgUrl', 'oidcClientId', 'roleArn'] as const

function surveyProfiles(world: World, cfg: CloktaCfg | undefined, awsConfig: AwsConfig | undefined): ProfileSurvey[] {
  if (cfg === undefined) return [] // the config check says why
  const names = [...new Set(cfg.sections())].filter((s) => s !== DEFAULT_SECTION && s !== ACCOUNTS_SECTION)
  return names.map((name) => {
    try {
      const only = ['appUrl', 'username', 'oidcClientId', ...WEB_IDENTITY_SETTINGS] as const
      const r = resolveSettings({profile: name, flags: {}, env: world.env, cfg, only})
      // as a login decides first (profileKind)
      const conflict = awsConfig && kindConflict(name, awsConfig, r)
      if (conflict !== undefined) return {name, problem: conflict, kindConflict: true}
      const web = oktaWebIdentityProfileOf(name, r, cfg.path)
      if (web) return {name, webIdentity: {org: web.org, roleArn: web.roleArn}, oidcClientId: web.clientId}
      const appUrl = r.values.appUrl === undefined ? undefined : parseAppUrl(r.values.appUrl, r.sources.appUrl ?? `[${name}]`)
      return {name, appUrl, username: r.values.username, oidcClientId: r.values.oidcClientId?.trim() || undefined}
    } catch (error) {
      return {name, problem: messageOf(error)}
    }
  })
}

function kindConflict(name: string, awsConfig: AwsConfig, r: Resolved): string | undefined {
  try {
    checkKindConflict(name, awsConfig, r)
    return undefined
  } catch (error) {
    return messageOf(error)
  }
}

async function probeOrg(org: URL, deps: DoctorDeps): Promise<OrgProbe> {
  const sentAt = deps.clock.now()
  let answer
  try {
    answer = await fetchOktaOrganization(org, await deps.http())
  } catch (error) {
    return {reachable: false, reason: messageOf(error)}
  }
  const receivedAt = deps.clock.now()
  // a pipeline only in Okta's JSON: otherwise the okta check says it is not an Okta org
  return {
    reachable: true,
    status: answer.status,
    ms: receivedAt - sentAt,
    pipeline: answer.pipeline,
    dateMs: answer.dateMs,
    midpointMs: (sentAt + receivedAt) / 2,
  }
}

export function doctorContext(world: World, deps: DoctorDeps): DoctorContext {
  let cfg: Promise<LenientCfg> | undefined
  let profiles: Promise<ProfileSurvey[]> | undefined
  const probes = new Map<string, Promise<OrgProbe>>()
  const context: DoctorContext = {
    world,
    deps,
    cfg: () => (cfg ??= readCfgLeniently()),
    profiles: () =>
      (profiles ??= Promise.all([
        context.cfg(),
        // a ~/.aws/config that does not parse: the config check says so, and no profile conflicts with it
        world.awsConfig().catch(() => undefined),
      ]).then(([read, awsConfig]) => surveyProfiles(world, read.cfg, awsConfig))),
    probe(org) {
      let probe = probes.get(org.origin)
      if (!probe) probes.set(org.origin, (probe = probeOrg(org, deps)))
      return probe
    },
  }
  return context
}

/** The orgs the profiles log in to, each once, in the order the profiles name them. */
export async function orgsOf(c: DoctorContext): Promise<URL[]> {
  const orgs = new Map<string, URL>()
  for (const p of await c.profiles()) {
    const org = p.webIdentity?.org ?? p.appUrl
    if (org && !orgs.has(org.origin)) orgs.set(org.origin, new URL(org.origin))
  }
  return [...orgs.values()]
}
