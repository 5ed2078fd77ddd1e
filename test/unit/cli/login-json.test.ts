import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {accountNumbers} from '../../../src/cli/list-accounts.js'
import {loginJson, profileListJson, runFailureJson} from '../../../src/cli/login-json.js'
import {CloktaCfg} from '../../../src/config/clokta-cfg.js'
import {IniDocument} from '../../../src/config/ini-document.js'
import {CloktaError} from '../../../src/errors.js'

const redact = (text: string) => text.replaceAll('SECRET', '****')
const expiration = new Date('2026-12-02T16:02:11.000Z')

test('login --json: each profile written (role, account, expiry, files), each failure (profile, message, hint); nothing else', () => {
  const json = loginJson(
    {
      outcomes: [
        {
          kind: 'logged-in',
          profile: 'website',
          roleArn: 'arn:aws:iam::111111111111:role/team/ReadOnly',
          written: ['/h/.aws/credentials', '/h/.clokta/website.env'],
          credentials: {expiration},
        },
        {
          kind: 'still-valid',
          profile: 'svc',
          roleArn: 'arn:aws-us-gov:iam::222222222222:role/svc',
          chained: true,
          written: [],
          credentials: {expiration},
        },
      ],
      failures: [
        {profile: 'billing', error: new CloktaError('STS refused SECRET for billing.', 'sts', 'Ask your admin.')},
        {profile: 'odd', error: 'plain'},
      ],
    },
    redact,
  )
  assert.equal(json, {
    version: 1,
    profiles: [
      {
        profile: 'website',
        status: 'logged-in',
        roleArn: 'arn:aws:iam::111111111111:role/team/ReadOnly',
        account: '111111111111',
        role: 'ReadOnly',
        chained: false,
        expiration: '2026-12-02T16:02:11Z',
        files: ['/h/.aws/credentials', '/h/.clokta/website.env'],
      },
      {
        profile: 'svc',
        status: 'still-valid',
        roleArn: 'arn:aws-us-gov:iam::222222222222:role/svc',
        account: '222222222222',
        role: 'svc',
        chained: true,
        expiration: '2026-12-02T16:02:11Z',
        files: [],
      },
    ],
    errors: [
      {profile: 'billing', message: 'STS refused **** for billing.', hint: 'Ask your admin.'},
      {profile: 'odd', message: 'plain'},
    ],
  })
  // what a script reads is plain JSON: dates as strings, no undefined left out silently
  assert.equal(JSON.parse(JSON.stringify(json)), json)
})

test("a run that ended before any profile was written: its failure is each named profile's, or null's when none was named", () => {
  const error = new CloktaError('Okta refused the password.', 'okta-auth')
  assert.equal(runFailureJson(['a', 'b'], error, redact), {
    version: 1,
    profiles: [],
    errors: [
      {profile: 'a', message: 'Okta refused the password.'},
      {profile: 'b', message: 'Okta refused the password.'},
    ],
  })
  assert.equal(runFailureJson([], error, redact).errors, [{profile: null, message: 'Okta refused the password.'}])
})

test("configure --list --json: app URL and role or null, the credentials' state and expiry", () => {
  assert.equal(
    profileListJson([
      {
        profile: 'website',
        appUrl: 'https://example.okta.com/home/amazon_aws/0oa1/272',
        role: 'arn:aws:iam::1:role/R',
        status: {state: 'valid', expiration, roleArn: 'x'},
      },
      {profile: 'sandbox', status: {state: 'none'}},
    ]),
    {
      version: 1,
      profiles: [
        {
          profile: 'website',
          appUrl: 'https://example.okta.com/home/amazon_aws/0oa1/272',
          roleArn: 'arn:aws:iam::1:role/R',
          credentials: 'valid',
          expiration: '2026-12-02T16:02:11Z',
        },
        {profile: 'sandbox', appUrl: null, roleArn: null, credentials: 'none', expiration: null},
      ],
    },
  )
})

test('--list-accounts --json: the same profiles and numbers as its lines', () => {
  const cfg = new CloktaCfg('clokta.cfg', IniDocument.parse('[b]\naws_account_number = 2\n[a]\n[c]\naws_account_number = 3\n', 'clokta.cfg'))
  assert.equal(accountNumbers(cfg), [
    {profile: 'b', accountNumber: '2'},
    {profile: 'c', accountNumber: '3'},
  ])
})

test.run()
