import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAwsAssertion} from '../../../src/saml/assertion.js'
import {parseRolePair} from '../../../src/saml/role-pairs.js'

const fixtures = new URL('../../fixtures/saml/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8')
const b64 = (xml: string) => Buffer.from(xml).toString('base64')

test("Okta's assertion: provider-first pairs, 5 roles in 2 accounts, a role path, SessionDuration", async () => {
  const a = await parseAwsAssertion(b64(read('okta-aws-5-roles.xml')), 'app')
  assert.is(a.roles.length, 5)
  assert.equal(a.roles.map((r) => `${r.accountId}/${r.roleName}`).sort(), [
    '111122223333/Developer',
    '111122223333/ReadOnly',
    '444455556666/Admin',
    '444455556666/Billing',
    '444455556666/ReadOnly',
  ])
  const billing = a.roles.find((r) => r.roleName === 'Billing')!
  assert.is(billing.roleArn, 'arn:aws:iam::444455556666:role/team/Billing')
  assert.is(billing.principalArn, 'arn:aws:iam::444455556666:saml-provider/Okta')
  assert.is(a.sessionDuration, 3600)
  assert.is(a.roleSessionName, 'jane.roe@example.com')
  assert.is(a.destination, 'https://signin.aws.amazon.com/saml')
})

test('a pretty-printed Okta assertion: whitespace inside values is trimmed', async () => {
  const a = await parseAwsAssertion(b64(read('okta-aws-pretty.xml')), 'app')
  assert.equal(
    a.roles.map((r) => r.roleName),
    ['PowerUser', 'Auditor'],
  )
  assert.is(a.sessionDuration, 28800)
  for (const r of a.roles) {
    assert.match(r.roleArn, /^arn:aws:iam::\d{12}:role\/\S+$/)
    assert.match(r.principalArn, /^arn:aws:iam::\d{12}:saml-provider\/\S+$/)
  }
})

test('role-first pairs (PingFederate, Azure AD) are read the same way', async () => {
  for (const file of ['pingfed-role-first.xml', 'azuread-role-first.xml']) {
    const a = await parseAwsAssertion(b64(read(file)), 'app')
    assert.ok(a.roles.length > 0, file)
    for (const r of a.roles) assert.match(r.roleArn, /:role\//, file)
  }
})

test('an assertion for a non-AWS app is refused naming the app', async () => {
  try {
    await parseAwsAssertion(b64(read('okta-other-app.xml')), 'https://x.okta.com/home/other/1/2')
    assert.unreachable()
  } catch (error) {
    assert.match((error as Error).message, /^The Okta app at https:\/\/x\.okta\.com\/home\/other\/1\/2 is not an AWS app/)
  }
})

test('an AWS app that gives the user no role says so, not that it is not an AWS app', async () => {
  const xml = read('okta-aws-5-roles.xml')
  const noRoles = xml.replace(/<saml2:Attribute Name="https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role"[\s\S]*?<\/saml2:Attribute>/, '')
  assert.not.equal(noRoles, xml, 'the fixture has a Role attribute to remove')
  try {
    await parseAwsAssertion(b64(noRoles), 'https://x.okta.com/home/amazon_aws/1/272')
    assert.unreachable()
  } catch (error) {
    assert.is(
      (error as Error).message,
      'The AWS app at https://x.okta.com/home/amazon_aws/1/272 gives you no AWS role: its SAML assertion names none.',
    )
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
