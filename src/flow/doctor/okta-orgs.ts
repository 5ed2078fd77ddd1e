import {broken, ok, warning, type Finding} from './findings.js'
import {orgsOf, type DoctorContext, type OrgProbe} from './survey.js'

/** TOTP codes are good for 30 s either side, and SAML assertions carry little more leeway. */
const SKEW_WARN_MS = 30_000

export function engineName(pipeline: string | undefined): string {
  if (pipeline === 'v1') return 'Classic engine'
  if (pipeline === 'idx') return 'Identity Engine'
  return pipeline === undefined ? 'engine unknown' : `engine "${pipeline}"`
}

/** `clientIds`: the okta_oidc_client_id the org's profiles name, with which an Identity Engine org logs in by the device login. */
export function orgFinding(host: string, probe: OrgProbe, clientIds: string[] = []): Finding {
  if (!probe.reachable) return broken('okta', host, probe.reason)
  if (probe.status !== 200 || probe.pipeline === undefined) {
    return warning(
      'okta',
      host,
      `answered HTTP ${probe.status} to /.well-known/okta-organization, not as an Okta org does: is the app URL's host right?`,
    )
  }
  const reached = `reachable (${probe.ms} ms), ${engineName(probe.pipeline)} (pipeline ${probe.pipeline})`
  // Identity Engine orgs still answer the classic /api/v1/authn, but an app's authentication
  // policy there can ask for what that API cannot give; the device login can.
  if (probe.pipeline === 'idx' && clientIds.length > 0) {
    return ok('okta', host, `${reached}; device login through the OIDC app ${clientIds.join(', ')} (okta_oidc_client_id)`)
  }
  if (probe.pipeline === 'idx')
    return warning(
      'okta',
      host,
      `${reached}: clokta logs in through the classic authn API, which the AWS app's authentication policy may not accept (Okta Verify FastPass, device checks), unless okta_oidc_client_id names an OIDC app for the device login (README: Identity Engine orgs)`,
    )
  return ok('okta', host, reached)
}

function amount(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000)
  if (s < 120) return `${s} s`
  return s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`
}

/** The Date header counts whole seconds, so the org's clock is taken at the middle of its second. */
export function clockFinding(host: string, probe: OrgProbe): Finding | undefined {
  if (!probe.reachable) return undefined
  if (probe.dateMs === undefined) return warning('clock', host, 'the answer had no Date header: clocks not compared')
  const skew = probe.midpointMs - (probe.dateMs + 500)
  if (Math.abs(skew) < SKEW_WARN_MS) return ok('clock', host, `within ${amount(Math.max(1_000, Math.abs(skew)))} of the org's clock`)
  return warning(
    'clock',
    host,
    `this computer's clock is ${amount(skew)} ${skew > 0 ? 'ahead of' : 'behind'} the org's: one-time codes and SAML assertions may be refused; set the clock (NTP)`,
  )
}

/** Each org once, all at the same time: reachability and engine, then the clock against its Date header. */
export async function oktaOrgs(c: DoctorContext): Promise<Finding[]> {
  const orgs = await orgsOf(c)
  const profiles = await c.profiles()
  const clientIds = (org: URL) => [
    ...new Set(profiles.flatMap((p) => ((p.appUrl ?? p.webIdentity?.org)?.origin === org.origin && p.oidcClientId ? [p.oidcClientId] : []))),
  ]
  const probes = await Promise.all(orgs.map((org) => c.probe(org)))
  const rows = orgs.map((org, i) => [orgFinding(org.host, probes[i], clientIds(org)), clockFinding(org.host, probes[i])])
  return rows.flat().filter((f): f is Finding => f !== undefined)
}
