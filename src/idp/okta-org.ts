import type {HttpClient, HttpResponse} from '../io/http.js'

/** The engine an Okta org runs, as /.well-known/okta-organization's `pipeline` names it: `v1` Classic, `idx` Identity Engine. */
export type OktaPipeline = 'v1' | 'idx'

/** What clokta reads of an org's /.well-known/okta-organization answer: its pipeline (when it is Okta's JSON) and its clock. */
export interface OktaOrganization {
  status: number
  /** undefined when the answer is not an Okta org's JSON */
  pipeline?: string
  /** the Date header, in ms */
  dateMs?: number
}

/** Anyone may ask it, no credentials: doctor and the engine detection share this one request and its parsing. */
export async function fetchOktaOrganization(org: URL, http: HttpClient): Promise<OktaOrganization> {
  const response = await http.send({method: 'GET', url: new URL('/.well-known/okta-organization', org).href, headers: {accept: 'application/json'}})
  return parseOktaOrganization(response)
}

export function parseOktaOrganization(response: Pick<HttpResponse, 'status' | 'body' | 'headers'>): OktaOrganization {
  let pipeline: string | undefined
  try {
    const body: unknown = JSON.parse(response.body)
    if (typeof body === 'object' && body !== null && 'pipeline' in body && typeof body.pipeline === 'string') pipeline = body.pipeline
  } catch {
    pipeline = undefined // not Okta's answer
  }
  const date = response.headers.date
  const dateMs = typeof date === 'string' && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : undefined
  return {status: response.status, pipeline, dateMs}
}

/** `v1` or `idx` from a 200 answer; undefined for anything else (not Okta, an error, an engine clokta does not know). */
export function knownPipeline(organization: OktaOrganization): OktaPipeline | undefined {
  if (organization.status !== 200) return undefined
  return organization.pipeline === 'v1' || organization.pipeline === 'idx' ? organization.pipeline : undefined
}
