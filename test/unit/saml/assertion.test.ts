import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAwsAssertion} from '../../../src/saml/assertion.js'
import {parseRolePair} from '../../../src/saml/role-pairs.js'

const fixtures = new URL('../../../../shared/fixtures/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8')
const b64 = (xml: string) => Buffer.from(xml).toString('base64')

test('a real Okta assertion: provider-first pairs, 5 roles in 2 accounts, SessionDuration', async () => {
  const a = await parseAwsAssertion(read('gimme-aws-creds/aws-saml-response-okta-5roles.b64').trim(), 'app')
  assert.is(a.roles.length, 5)
  assert.equal(
    a.roles.map((r) => `${r.accountId}/${r.roleName}`).sort(),
    ['012345678901/testrole1', '012345678901/testrole2', '987654321987/testrole3', '987654321987/testrole4', '987654321987/testrole5'],
  )
  const r3 = a.roles.find((r) => r.roleName === 'testrole3')!
  assert.is(r3.roleArn, 'arn:aws:iam::987654321987:role/testrole3')
  assert.is(r3.principalArn, 'arn:aws:iam::987654321987:saml-provider/OKTA-IDP')
  assert.is(a.sessionDuration, 3600)
  assert.is(a.roleSessionName, 'john.doe@mycorp.com')
  assert.is(a.destination, 'https://signin.aws.amazon.com/saml')
})

test('a pretty-printed Okta assertion: whitespace inside values is trimmed', async () => {
  const a = await parseAwsAssertion(read('gimme-aws-creds/oie-aws-saml-response.b64').trim(), 'app')
  assert.ok(a.roles.length > 0)
  for (const r of a.roles) {
    assert.match(r.roleArn, /^arn:aws:iam::\d{12}:role\/\S+$/)
    assert.match(r.principalArn, /^arn:aws:iam::\d{12}:saml-provider\/\S+$/)
  }
})

test('role-first pairs (PingFederate, Azure AD) are read the same way', async () => {
  for (const file of ['saml2aws/assertion-pingfed-role-first.xml', 'saml2aws/assertion-azuread-role-first.xml']) {
    const a = await parseAwsAssertion(b64(read(file)), 'app')
    assert.ok(a.roles.length > 0, file)
    for (const r of a.roles) assert.match(r.roleArn, /:role\//, file)
  }
})

test('an assertion for a non-AWS app is refused naming the app', async () => {
  try {
    await parseAwsAssertion(b64(read('gimme-aws-creds/classic-okta-saml-response-non-aws.decoded.xml')), 'https://x.okta.com/home/other/1/2')
    assert.unreachable()
  } catch (error) {
    assert.match((error as Error).message, /^The Okta app at https:\/\/x\.okta\.com\/home\/other\/1\/2 is not an AWS app/)
  }
})

test('an AWS app that gives the user no role says so, not that it is not an AWS app', async () => {
  const xml = Buffer.from(read('gimme-aws-creds/aws-saml-response-okta-5roles.b64').trim(), 'base64').toString('utf8')
  const noRoles = xml.replace(/<saml2:Attribute Name="https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role"[\s\S]*?<\/saml2:Attribute>/, '')
  assert.not.equal(noRoles, xml, 'the fixture has a Role attribute to remove')
  try {
    await parseAwsAssertion(b64(noRoles), 'https://x.okta.com/home/amazon_aws/1/272')
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'The AWS app at https://x.okta.com/home/amazon_aws/1/272 gives you no AWS role: its SAML assertion names none.')
  }
})

test('garbage and DTDs are refused', async () => {
  for (const bad of [b64('not xml at all'), b64('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Response/>'), 'Zm9v']) {
    try {
      await parseAwsAssertion(bad, 'app')
      assert.unreachable()
    } catch (error) {
      assert.match((error as Error).message, /SAML/)
    }
  }
})

test('role pairs: either order, padded, with paths; junk is ignored', () => {
  const p = parseRolePair('  arn:aws:iam::123456789012:saml-provider/Okta ,\n arn:aws:iam::123456789012:role/team/Dev  ')!
  assert.equal(p, {
    roleArn: 'arn:aws:iam::123456789012:role/team/Dev',
    principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
    accountId: '123456789012',
    roleName: 'Dev',
  })
  assert.is(parseRolePair('arn:aws-us-gov:iam::123456789012:role/R,arn:aws-us-gov:iam::123456789012:saml-provider/P')?.roleName, 'R')
  assert.is(parseRolePair('arn:aws:iam::123456789012:role/R'), undefined)
  assert.is(parseRolePair('a,b'), undefined)
})

test.run()
