// GET /home/<app>/<id>/<link>: the app embed links that answer with a SAML auto-POST form.
import type {Incoming, Reply} from './http.js'
import {awsSamlForm, notFoundPage, otherSamlForm} from './okta-html.js'
import {createSession, findSession, loginRedirect, redeemGrant, sidCookie} from './okta-sessions.js'
import {buildAwsSamlResponse, buildSamlResponse} from './saml-issuer.js'
import {acsUrlOf, APP_PATH, NON_AWS_APP_PATH, OKTA_ISSUER, PARTITION_SIGNIN, providerArn, roleArn} from './scenario.js'
import type {OktaSession, RolePair, State} from './state.js'

const SALESFORCE_ACS = 'https://login.salesforce.com/'
const HTML = 'text/html;charset=utf-8'

function awsRolePairs(state: State): RolePair[] {
  return state.scenario.accounts.flatMap((account) =>
    account.roles.map((role) => ({principalArn: providerArn(account), roleArn: roleArn(account, role)})),
  )
}

/** Issues a fresh assertion and remembers it, so STS can tell ours from forged or stale ones. */
export function awsPage(state: State, session: OktaSession, relayState: string): string {
  const roles = awsRolePairs(state)
  const acs = acsUrlOf(state.scenario)
  const saml = buildAwsSamlResponse({
    destination: acs,
    audience: PARTITION_SIGNIN[state.scenario.accounts[0]?.partition ?? 'aws'].audience,
    login: session.login,
    roles,
    sessionDuration: state.scenario.sessionDuration,
    pretty: state.scenario.prettyAssertion,
    now: state.now(),
    authnInstant: session.authTime,
  })
  state.assertions.set(saml.base64, {
    roles,
    notOnOrAfter: saml.notOnOrAfter,
    sessionDuration: state.scenario.sessionDuration,
    login: session.login,
    issuer: OKTA_ISSUER,
    recipient: acs,
  })
  return awsSamlForm(acs, saml.base64, relayState)
}

function otherPage(state: State, session: OktaSession): string {
  const saml = buildSamlResponse({
    issuer: 'http://www.okta.com/exk9z8y7x6EXAMPLE0h7',
    destination: SALESFORCE_ACS,
    audience: 'https://saml.salesforce.com',
    nameId: session.login,
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    attributes: [],
    now: state.now(),
    authnInstant: session.authTime,
  })
  return otherSamlForm(SALESFORCE_ACS, saml.base64)
}

/**
 * A token in the URL always wins: a spent or unknown one bounces to sign-in even when a sid cookie
 * is present, so tests see one-time tokens refused. Without a token the sid cookie is used.
 */
export function appLink(state: State, req: Incoming): Reply {
  if (req.path !== APP_PATH && req.path !== NON_AWS_APP_PATH) {
    return {status: 404, headers: {'content-type': HTML}, body: notFoundPage()}
  }
  const token = req.query.get('sessionToken') ?? req.query.get('onetimetoken')
  const headers: Record<string, string> = {'content-type': HTML}
  let session: OktaSession | undefined
  if (token !== null) {
    const grant = redeemGrant(state, token)
    session = grant && createSession(state, grant)
    if (session) headers['set-cookie'] = sidCookie(session.id)
  } else {
    session = findSession(state, req.cookies.sid)
  }
  if (!session) return loginRedirect(state, req.path)
  const body = req.path === APP_PATH ? awsPage(state, session, req.query.get('RelayState') ?? '') : otherPage(state, session)
  return {status: 200, headers, body}
}
