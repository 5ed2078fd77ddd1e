import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import type {FakeAccount, Scenario} from '../../support/fake/types.js'
import {withFlow, type FlowHarness} from '../../support/flow.js'

// The fake STS's AssumeRoleWithSAML as the real one answers an assertion it does not take: one
// not addressed to the sign-in of the role's partition, and one the role's trust policy rejects.
const PASSWORD = {okta_password: 'correct horse'}
const SIGNIN = {
  aws: 'https://signin.aws.amazon.com/saml',
  'aws-cn': 'https://signin.amazonaws.cn/saml',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com/saml',
}
type Partition = keyof typeof SIGNIN
const scenario = (account: Partial<FakeAccount> = {}, more: Partial<Scenario> = {}): Partial<Scenario> => ({
  factors: [{type: 'push', provider: 'OKTA'}],
  accounts: [{id: '123456789012', roles: [{name: 'Developer'}], ...account}],
  ...more,
})
const roleOf = (partition: Partition) => `arn:${partition}:iam::123456789012:role/Developer`
const setup = (f: FlowHarness, role: string) =>
  f.home.write(
    '.clokta/clokta.cfg',
    `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[web]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = ${role}\n`,
  )
const failure = (run: Promise<unknown>): Promise<CloktaError> =>
  run.then(
    () => {
      throw new Error('the login succeeded')
    },
    (e: CloktaError) => e,
  )
const samlCalls = (f: FlowHarness) => f.fake.requests.filter((r) => r.action === 'AssumeRoleWithSAML')

/**
 * A login of [web] (an aws role) that STS refuses: its AssumeRoleWithSAML answered `status`
 * once (no shorter session tried) and no credentials issued; `check` then judges the error.
 */
async function refusedLogin(s: Partial<Scenario>, status: number, check: (f: FlowHarness, error: CloktaError) => Promise<void>): Promise<void> {
  await withFlow(
    s,
    async (f) => {
      setup(f, roleOf('aws'))
      const error = await failure(f.login(['web'], {}, PASSWORD))
      assert.equal(
        samlCalls(f).map((r) => r.status),
        [status],
      )
      assert.equal(f.fake.issued, [])
      await check(f, error)
    },
    {stsServer: true},
  )
}

/** An AssumeRoleWithSAML clokta sent (the last, by default), sent again to the fake STS with `change` made to its parameters. */
async function replay(
  f: FlowHarness,
  change: Record<string, string> = {},
  sent = samlCalls(f).at(-1)!.body,
): Promise<{status: number; body: string}> {
  const form = new URLSearchParams(sent)
  for (const [name, value] of Object.entries(change)) form.set(name, value)
  const answer = await fetch(f.fake.stsUrl, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: form})
  return {status: answer.status, body: await answer.text()}
}

const errorXml = (code: string, message: string) =>
  new RegExp(
    `^<ErrorResponse xmlns="https://sts\\.amazonaws\\.com/doc/2011-06-15/">\\n  <Error>\\n    <Type>Sender</Type>\\n    <Code>${code}</Code>\\n    <Message>${message.replace(/[.()]/g, '\\$&')}</Message>\\n  </Error>\\n  <RequestId>[0-9a-f-]{36}</RequestId>\\n</ErrorResponse>\\n$`,
  )
const NOT_FOR_AWS = 'Response does not contain the required audience.'

for (const partition of Object.keys(SIGNIN) as Partition[]) {
  test(`${partition}: the fake Okta addresses the assertion to ${SIGNIN[partition]}, which the fake STS takes; the same assertion for a role of another partition is refused with 400 InvalidIdentityToken`, async () => {
    await withFlow(
      scenario({partition}),
      async (f) => {
        setup(f, roleOf(partition))
        const {outcomes} = await f.login(['web'], {}, PASSWORD)
        assert.is(outcomes[0].roleArn, roleOf(partition))
        // (after the 400s of the longer sessions clokta asks for first)
        assert.is(samlCalls(f).at(-1)!.status, 200)
        const xml = Buffer.from(new URLSearchParams(samlCalls(f).at(-1)!.body).get('SAMLAssertion')!, 'base64').toString('utf8')
        assert.ok(xml.includes(`Recipient="${SIGNIN[partition]}"`) && xml.includes(`Destination="${SIGNIN[partition]}"`), xml)
        const other: Partition = partition === 'aws' ? 'aws-cn' : 'aws'
        const forOther = (arn: string) => arn.replace(`arn:${partition}:`, `arn:${other}:`)
        const body = samlCalls(f).at(-1)!.body
        const sent = new URLSearchParams(body)
        const refused = await replay(f, {RoleArn: forOther(sent.get('RoleArn')!), PrincipalArn: forOther(sent.get('PrincipalArn')!)}, body)
        assert.is(refused.status, 400)
        assert.match(refused.body, errorXml('InvalidIdentityToken', NOT_FOR_AWS))
        // the assertion itself is still good for its own partition's role
        const again = await replay(f, {}, body)
        assert.is(again.status, 200, again.body)
      },
      {stsServer: true},
    )
  })
}

test("a region's sign-in endpoint of the partition is taken too; an ACS URL that is no AWS sign-in is refused by STS, which clokta says in one line with what to fix", async () => {
  await withFlow(
    scenario({}, {acsUrl: 'https://us-west-2.signin.aws.amazon.com/saml'}),
    async (f) => {
      setup(f, roleOf('aws'))
      await f.login(['web'], {}, PASSWORD)
      assert.is(samlCalls(f).at(-1)!.status, 200)
    },
    {stsServer: true},
  )
  await refusedLogin(scenario({}, {acsUrl: 'https://sso.example.com/saml'}), 400, async (_, error) => {
    assert.match(
      error.message,
      /^AWS STS refused .*Developer.*: Response does not contain the required audience\. \(InvalidIdentityTokenException\)\.$/,
    )
    assert.match(error.hint ?? '', /^The Okta AWS app's ACS URL is not the AWS sign-in of the role's partition/)
  })
})

test("a role whose trust policy rejects the assertion's claims: 403 IDPRejectedClaim as STS answers it, which clokta says in one line with what to fix", async () => {
  await refusedLogin(scenario({roles: [{name: 'Developer', rejectsClaims: true}]}), 403, async (f, error) => {
    assert.match(
      (await replay(f)).body,
      errorXml('IDPRejectedClaim', 'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.'),
    )
    assert.match(
      error.message,
      /^AWS STS refused .*Developer.*: The identity provider \(IdP\) reported that authentication failed\. This might be because the claim is invalid\. \(IDPRejectedClaimException\)\.$/,
    )
    assert.not.match(error.message, /\n/)
    assert.match(error.hint ?? '', /^The role's trust policy rejects a claim of Okta's SAML assertion: ask your AWS administrator/)
  })
})

test.run()
