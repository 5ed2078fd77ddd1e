import {createHash, randomBytes} from 'node:crypto'
import {samlId} from './ids.js'
import {OKTA_ISSUER} from './scenario.js'
import type {RolePair} from './state.js'
import {el, renderDocument, type XmlNode} from './xml.js'

const NS = {
  saml2p: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
}
const FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:'
const FIVE_MINUTES = 5 * 60_000
export const AWS_ACS = 'https://signin.aws.amazon.com/saml'
export const AWS_ATTR = 'https://aws.amazon.com/SAML/Attributes/'

export interface SamlAttribute {
  name: string
  nameFormat: 'uri' | 'basic'
  values: string[]
}

export interface SamlResponseOptions {
  issuer: string
  destination: string
  audience: string
  nameId: string
  nameIdFormat: string
  attributes: SamlAttribute[]
  now?: number
  authnInstant?: number
  pretty?: boolean
}

export interface AwsSamlOptions {
  login: string
  roles: RolePair[]
  sessionDuration?: number
  pretty?: boolean
  now?: number
  authnInstant?: number
  issuer?: string
  destination?: string
  audience?: string
}

export interface IssuedSaml {
  xml: string
  base64: string
  notOnOrAfter: number
}

/** Okta signs with a real key; nobody here verifies it, so only the shape is reproduced. */
function signature(referenceId: string): XmlNode {
  const alg = (name: string) => ({Algorithm: name})
  const fakeCert = Buffer.concat([Buffer.from([0x30, 0x82, 0x03, 0xa0]), randomBytes(926)]).toString('base64')
  return el(
    'ds:Signature',
    {'xmlns:ds': NS.ds},
    el(
      'ds:SignedInfo',
      {},
      el('ds:CanonicalizationMethod', alg(NS.excC14n)),
      el('ds:SignatureMethod', alg('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')),
      el(
        'ds:Reference',
        {URI: `#${referenceId}`},
        el(
          'ds:Transforms',
          {},
          el('ds:Transform', alg('http://www.w3.org/2000/09/xmldsig#enveloped-signature')),
          el('ds:Transform', alg(NS.excC14n), el('ec:InclusiveNamespaces', {'xmlns:ec': NS.excC14n, PrefixList: 'xs'})),
        ),
        el('ds:DigestMethod', alg('http://www.w3.org/2001/04/xmlenc#sha256')),
        el('ds:DigestValue', {}, createHash('sha256').update(referenceId).update(randomBytes(16)).digest('base64')),
      ),
    ),
    el('ds:SignatureValue', {}, randomBytes(256).toString('base64')),
    el('ds:KeyInfo', {}, el('ds:X509Data', {}, el('ds:X509Certificate', {}, fakeCert))),
  )
}

function attribute(attr: SamlAttribute): XmlNode {
  const values = attr.values.map((value) => ({
    ...el('saml2:AttributeValue', {'xmlns:xs': NS.xs, 'xmlns:xsi': NS.xsi, 'xsi:type': 'xs:string'}, value),
    textOnOwnLine: true,
  }))
  return el('saml2:Attribute', {Name: attr.name, NameFormat: FORMAT + attr.nameFormat}, ...values)
}

/** A SAML 2.0 Response shaped like Okta's (fx: aws-saml-response-okta-5roles.decoded.xml). */
export function buildSamlResponse(o: SamlResponseOptions): IssuedSaml {
  const now = o.now ?? Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  const notOnOrAfter = now + FIVE_MINUTES
  const responseId = samlId()
  const assertionId = samlId()
  const entity = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity'
  const authnInstant = o.authnInstant ?? now
  const assertion = el(
    'saml2:Assertion',
    {'xmlns:saml2': NS.saml2, ID: assertionId, IssueInstant: iso(now), Version: '2.0', 'xmlns:xs': NS.xs},
    el('saml2:Issuer', {Format: entity, 'xmlns:saml2': NS.saml2}, o.issuer),
    signature(assertionId),
    el(
      'saml2:Subject',
      {'xmlns:saml2': NS.saml2},
      el('saml2:NameID', {Format: o.nameIdFormat}, o.nameId),
      el(
        'saml2:SubjectConfirmation',
        {Method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer'},
        el('saml2:SubjectConfirmationData', {NotOnOrAfter: iso(notOnOrAfter), Recipient: o.destination}),
      ),
    ),
    el(
      'saml2:Conditions',
      {NotBefore: iso(now - FIVE_MINUTES), NotOnOrAfter: iso(notOnOrAfter), 'xmlns:saml2': NS.saml2},
      el('saml2:AudienceRestriction', {}, el('saml2:Audience', {}, o.audience)),
    ),
    el(
      'saml2:AuthnStatement',
      {AuthnInstant: iso(authnInstant), SessionIndex: `id${now}.${Math.floor(Math.random() * 1e10)}`, 'xmlns:saml2': NS.saml2},
      el('saml2:AuthnContext', {}, el('saml2:AuthnContextClassRef', {}, 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport')),
    ),
    ...(o.attributes.length ? [el('saml2:AttributeStatement', {'xmlns:saml2': NS.saml2}, ...o.attributes.map(attribute))] : []),
  )
  const response = el(
    'saml2p:Response',
    {'xmlns:saml2p': NS.saml2p, Destination: o.destination, ID: responseId, IssueInstant: iso(now), Version: '2.0', 'xmlns:xs': NS.xs},
    el('saml2:Issuer', {'xmlns:saml2': NS.saml2, Format: entity}, o.issuer),
    signature(responseId),
    el('saml2p:Status', {'xmlns:saml2p': NS.saml2p}, el('saml2p:StatusCode', {Value: 'urn:oasis:names:tc:SAML:2.0:status:Success'})),
    assertion,
  )
  const xml = renderDocument(response, o.pretty ?? false)
  return {xml, base64: Buffer.from(xml, 'utf8').toString('base64'), notOnOrAfter}
}

/** The AWS federation app's assertion: Okta lists each Role value provider-first. */
export function buildAwsSamlResponse(o: AwsSamlOptions): IssuedSaml {
  const attributes: SamlAttribute[] = [
    {name: `${AWS_ATTR}Role`, nameFormat: 'uri', values: o.roles.map((r) => `${r.principalArn},${r.roleArn}`)},
    {name: `${AWS_ATTR}RoleSessionName`, nameFormat: 'basic', values: [o.login]},
  ]
  if (o.sessionDuration !== undefined) {
    attributes.push({name: `${AWS_ATTR}SessionDuration`, nameFormat: 'basic', values: [String(o.sessionDuration)]})
  }
  return buildSamlResponse({
    issuer: o.issuer ?? OKTA_ISSUER,
    destination: o.destination ?? AWS_ACS,
    audience: o.audience ?? 'urn:amazon:webservices',
    nameId: o.login,
    nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:unspecified',
    attributes,
    now: o.now,
    authnInstant: o.authnInstant,
    pretty: o.pretty,
  })
}
