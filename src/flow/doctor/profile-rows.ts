import {credentialStatuses, type CredentialStatus} from '../credential-status.js'
import {credentialsText} from './credentials-text.js'
import {broken, ok, warning, type Finding} from './findings.js'
import {engineName} from './okta-orgs.js'
import {ssoProfileRows} from './sso-rows.js'
import type {DoctorContext, ProfileSurvey} from './survey.js'

async function profileFinding(p: ProfileSurvey, status: CredentialStatus | undefined, c: DoctorContext): Promise<Finding> {
  if (p.problem !== undefined) return broken('profile', p.name, p.problem)
  if (p.webIdentity !== undefined) {
    const probe = await c.probe(p.webIdentity.org)
    const org = probe.reachable ? p.webIdentity.org.host : `${p.webIdentity.org.host} unreachable`
    const detail = `${p.webIdentity.roleArn} with an Okta ID token of ${org}; ${credentialsText(status, c.deps.clock.now())}`
    return status?.state === 'none' ? warning('profile', p.name, detail) : ok('profile', p.name, detail)
  }
  if (p.appUrl === undefined) return warning('profile', p.name, `no okta_aws_app_url: clokta -p ${p.name} asks for it`)
  const probe = await c.probe(p.appUrl)
  const engine = probe.reachable ? engineName(probe.pipeline) : 'org unreachable'
  const detail = `${p.appUrl.href}; ${engine}; ${credentialsText(status, c.deps.clock.now())}`
  return status?.state === 'none' ? warning('profile', p.name, detail) : ok('profile', p.name, detail)
}

/**
 * Each profile of clokta.cfg: its app URL, its org's engine, and whether it was ever logged
 * in; then each IAM Identity Center profile of ~/.aws/config (whose section in clokta.cfg,
 * if any, only remembers its role).
 */
export async function profileRows(c: DoctorContext): Promise<Finding[]> {
  const surveyed = await c.profiles()
  // a profile both files claim gets the one row that says so, not its IAM Identity Center row
  const conflicting = new Set(surveyed.filter((p) => p.kindConflict).map((p) => p.name))
  const sso = (await ssoProfileRows(c)).filter((f) => !conflicting.has(f.subject))
  const ssoNames = new Set(sso.map((f) => f.subject))
  const profiles = surveyed.filter((p) => !ssoNames.has(p.name))
  let statuses: (CredentialStatus | undefined)[]
  try {
    statuses = await credentialStatuses(
      profiles.map((p) => p.name),
      c.deps.clock.now(),
      c.world,
    )
  } catch {
    statuses = [] // ~/.aws/credentials does not parse: the config check says so
  }
  return [...(await Promise.all(profiles.map((p, i) => profileFinding(p, statuses[i], c)))), ...sso]
}
