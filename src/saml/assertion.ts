import {partitionOfAcsUrl} from '../config/partition.js'
import {CloktaError} from '../errors.js'
import type {SamlRole} from '../model/role.js'
import {parseRolePair} from './role-pairs.js'

/** What clokta reads from an AWS SAML assertion. */
export interface AwsAssertion {
  roles: SamlRole[]
  /** SessionDuration attribute, seconds: caps what AssumeRoleWithSAML may ask for */
  sessionDuration?: number
  roleSessionName?: string
  destination?: string
}

const ROLE = 'https://aws.amazon.com/SAML/Attributes/Role'
const SESSION_DURATION = 'https://aws.amazon.com/SAML/Attributes/SessionDuration'
const ROLE_SESSION_NAME = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName'

type XmlNode = Record<string, unknown>

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function text(node: unknown): string {
  if (typeof node === 'string') return node.trim()
  if (node && typeof node === 'object' && '#text' in node) return String((node as XmlNode)['#text']).trim()
  return ''
}

async function parseXml(xml: string): Promise<XmlNode> {
  const {XMLParser} = await import('fast-xml-parser')
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    trimValues: true,
  })
  return parser.parse(xml) as XmlNode
}

/**
 * Decodes the base64 SAMLResponse and reads the AWS attributes. `appUrl` is only named in
 * messages. A SAML response without AWS roles means the app is not the AWS app.
 */
export async function parseAwsAssertion(base64: string, appUrl: string): Promise<AwsAssertion> {
  const xml = Buffer.from(base64, 'base64').toString('utf8')
  // SAML never carries a DTD; refusing one rules out entity-expansion tricks.
  if (!xml.includes('<') || /<!DOCTYPE/i.test(xml)) {
    throw new CloktaError(`The SAML response from ${appUrl} is not a SAML document.`, 'saml')
  }
  let doc: XmlNode
  try {
    doc = await parseXml(xml)
  } catch (error) {
    throw new CloktaError(`The SAML response from ${appUrl} is not well-formed XML.`, 'saml', undefined, {cause: error})
  }
  const response = doc.Response as XmlNode | undefined
  if (!response) throw new CloktaError(`The SAML response from ${appUrl} has no <Response> element.`, 'saml')
  if (response.EncryptedAssertion) {
    throw new CloktaError(
      `The SAML assertion from ${appUrl} is encrypted; AWS sign-in apps send it in clear.`,
      'saml',
      'Ask your Okta administrator to turn off assertion encryption for the AWS app.',
    )
  }
  const attributes = asArray(response.Assertion as XmlNode | XmlNode[])
    .flatMap((a) => asArray(a.AttributeStatement as XmlNode | XmlNode[]))
    .flatMap((s) => asArray(s.Attribute as XmlNode | XmlNode[]))
  const values = (name: string) => attributes.filter((a) => a['@_Name'] === name).flatMap((a) => asArray(a.AttributeValue).map(text))

  const destination = typeof response['@_Destination'] === 'string' ? response['@_Destination'] : undefined
  const roles = dedupe(values(ROLE).flatMap((v) => parseRolePair(v) ?? []))
  if (roles.length === 0) {
    // An AWS app posts to AWS's sign-in endpoint; if this one does, the app is right and the user has no role in it.
    if (destination !== undefined && partitionOfAcsUrl(destination) !== undefined) {
      throw new CloktaError(
        `The AWS app at ${appUrl} gives you no AWS role: its SAML assertion names none.`,
        'saml',
        'Ask your Okta administrator to assign you a role in this app.',
      )
    }
    throw new CloktaError(
      `The Okta app at ${appUrl} is not an AWS app: its SAML assertion names no AWS roles${destination ? ` (it is for ${destination})` : ''}.`,
      'saml',
      "Use the AWS app's link from your Okta dashboard as okta_aws_app_url, or ask your Okta administrator to assign you an AWS role.",
    )
  }
  const duration = Number(values(SESSION_DURATION)[0])
  return {
    roles,
    sessionDuration: Number.isInteger(duration) && duration > 0 ? duration : undefined,
    roleSessionName: values(ROLE_SESSION_NAME)[0],
    destination,
  }
}

function dedupe(roles: SamlRole[]): SamlRole[] {
  const seen = new Set<string>()
  return roles.filter((r) => !seen.has(r.roleArn) && seen.add(r.roleArn))
}
