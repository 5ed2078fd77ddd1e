import {createHash} from 'node:crypto'
import type {FakeAccount, FakeFactor, FakeRole, Scenario} from './types.js'

export const APP_PATH = '/home/amazon_aws/0oa1b2c3d4EXAMPLE/272'
export const NON_AWS_APP_PATH = '/home/salesforce/0oa9z8y7x6EXAMPLE/46'
export const OKTA_ISSUER = 'http://www.okta.com/exk1b2c3d4EXAMPLE0h7'
export const PROVIDER_NAME = 'Okta'
export const ORG_ID = '00o1b2c3d4EXAMPLE0g4'

export function defaultScenario(): Scenario {
  return {
    user: {login: 'jdoe@example.com', password: 'correct horse', firstName: 'John', lastName: 'Doe'},
    authnOutcome: 'MFA',
    factors: [
      {type: 'push', provider: 'OKTA', id: 'opf3hkfocI4JTLAju0g4'},
      {type: 'token:software:totp', provider: 'OKTA', id: 'ostfm3hPNYSOIOIVTQWY'},
      {type: 'token:software:totp', provider: 'GOOGLE', id: 'ostf2gsyictRQDSGTDZE'},
      {type: 'sms', provider: 'OKTA', id: 'sms193zUBEROPBNZKPPE'},
    ],
    push: {waits: 0, result: 'SUCCESS'},
    totpSecret: 'JBSWY3DPEHPK3PXP',
    accounts: [
      {
        id: '123456789012',
        roles: [
          {name: 'Developer', maxSessionDuration: 43200},
          {name: 'ReadOnly', maxSessionDuration: 3600},
        ],
      },
      {id: '210987654321', roles: [{name: 'Admin', maxSessionDuration: 14400}]},
    ],
    sessionDuration: undefined,
    prettyAssertion: false,
    inject: {},
    sessionLifetimeSeconds: 7200,
    chainRoles: [],
    iamUsers: [],
  }
}

export function mergeScenario(partial: Partial<Scenario> = {}): Scenario {
  const base = defaultScenario()
  return {...base, ...partial, user: {...base.user, ...partial.user}, push: {...base.push, ...partial.push}}
}

const ID_PREFIX: Record<string, string> = {
  push: 'opf',
  'token:software:totp': 'ost',
  sms: 'sms',
  call: 'clf',
  email: 'emf',
  'token:hardware': 'ykf',
  token: 'rsa',
  webauthn: 'fwf',
  u2f: 'fuf',
  web: 'dsf',
  question: 'ufs',
}

/** Okta factor ids are 20 chars with a per-type prefix; derive a stable one when the test gave none. */
export function factorId(factor: FakeFactor, index: number): string {
  if (factor.id) return factor.id
  const prefix = ID_PREFIX[factor.type] ?? 'fct'
  const digest = createHash('sha256').update(`${factor.type}|${factor.provider}|${index}`).digest('base64url')
  return (prefix + digest.replace(/[-_]/g, 'x')).slice(0, 20)
}

function rolePath(role: FakeRole): string {
  const trimmed = (role.path ?? '').replace(/^\/+|\/+$/g, '')
  return trimmed ? `${trimmed}/` : ''
}

export const roleArn = (account: FakeAccount, role: FakeRole): string =>
  `arn:${account.partition ?? 'aws'}:iam::${account.id}:role/${rolePath(role)}${role.name}`

export const providerArn = (account: FakeAccount): string => `arn:${account.partition ?? 'aws'}:iam::${account.id}:saml-provider/${PROVIDER_NAME}`

/**
 * Each partition's sign-in (the AWS app's ACS URL), the SAML audience its IdP setup names,
 * and the regions its STS takes a signature for (botocore's partitions.json patterns).
 */
export const PARTITION_SIGNIN = {
  aws: {
    acs: 'https://signin.aws.amazon.com/saml',
    audience: 'urn:amazon:webservices',
    regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$|^aws-global$/,
  },
  'aws-us-gov': {acs: 'https://signin.amazonaws-us-gov.com/saml', audience: 'urn:amazon:webservices:govcloud', regions: /^us-gov-\w+-\d+$/},
  'aws-cn': {acs: 'https://signin.amazonaws.cn/saml', audience: 'urn:amazon:webservices:cn-north-1', regions: /^cn-\w+-\d+$/},
} as const

/** The partition an ARN is in, among those the fake serves (aws for any other). */
export function partitionOf(arn: string): keyof typeof PARTITION_SIGNIN {
  const name = parseArn(arn)?.partition
  return name === 'aws-us-gov' || name === 'aws-cn' ? name : 'aws'
}

/** The AWS app's ACS URL: the scenario's, else the first account's partition's sign-in. */
export const acsUrlOf = (scenario: Scenario): string => scenario.acsUrl ?? PARTITION_SIGNIN[scenario.accounts[0]?.partition ?? 'aws'].acs

export function findRole(scenario: Scenario, arn: string): FakeRole | undefined {
  for (const account of scenario.accounts) {
    const role = account.roles.find((r) => roleArn(account, r) === arn)
    if (role) return role
  }
  return undefined
}

export interface ParsedArn {
  partition: string
  account: string
  resource: string
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([\w-]+):[\w-]+:[\w-]*:(\d{12}):(.+)$/.exec(arn)
  return m ? {partition: m[1]!, account: m[2]!, resource: m[3]!} : undefined
}

/** `role/path/Name` → `Name`: assumed-role ARNs drop the IAM path. */
export const roleNameOf = (arn: string): string => arn.split('/').pop() ?? arn
