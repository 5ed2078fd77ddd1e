import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {stsResult} from '../../support/fake/sts-xml.js'
import {cfgFor, withFlow} from '../../support/flow.js'

// Moved from cli/odd-answers: what the login says of an STS Expiration already past and of an
// AWS_REGION that is no region name, with its hint; the CLI file keeps the Ctrl-C runs.
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const PASSWORD = {okta_password: 'correct horse'}

/** every file under HOME, relative to it */
const filesIn = (dir: string, root = dir): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name), root) : [relative(root, join(dir, e.name))]))

async function refusal(run: Promise<unknown>): Promise<CloktaError> {
  return run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: CloktaError) => e,
  )
}

test('an STS Expiration in the past is an error naming the profile, not "valid until 2001-01-01 (0s)"; nothing written (moved from cli/odd-answers)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const credentials = [
        ['AccessKeyId', 'ASIAEXAMPLEEXAMPLE01'],
        ['SecretAccessKey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
        ['SessionToken', 'FwoGZXIvYXdzEXAMPLETOKEN'],
        ['Expiration', '2001-01-01T00:00:00Z'],
      ] as [string, string][]
      const {body = ''} = stsResult('AssumeRoleWithSAML', [['Credentials', credentials]])
      f.fake.scenario.inject.sts = [{status: 200, headers: {'content-type': 'text/xml'}, body}]
      const error = await refusal(f.login(['website'], {}, PASSWORD))
      assert.equal(
        [error.message, error.hint, error.exitCode],
        [
          'AWS STS answered role Developer in 123456789012 (profile website) with an Expiration already past (2001-01-01T00:00:00Z).',
          "Check this computer's date and time, then log in again.",
          1,
        ],
      )
      assert.not.match(f.info.join('\n'), /valid until/)
      assert.equal(filesIn(f.home.dir), ['.clokta/clokta.cfg'])
    },
    {stsServer: true},
  )
})

test('an AWS_REGION that is not a region name is refused before the password is sent, naming AWS_REGION, with what region names look like (moved from cli/odd-answers)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const error = await refusal(f.login(['website'], {}, {...PASSWORD, AWS_REGION: 'us-east-1.evil.example#'}))
    assert.equal(
      [error.message, error.hint, error.exitCode],
      [
        'The region "us-east-1.evil.example#" from environment variable AWS_REGION is not a region name.',
        'Region names are lower case, such as us-east-1 or eu-west-2.',
        1,
      ],
    )
    assert.is(f.fake.requests.length, 0, 'the password was sent')
  })
})

test.run()
