import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {profileTable} from '../../../src/cli/profile-table.js'

test('a header and aligned columns: app URL / role, then the credentials', () => {
  const now = new Date(2030, 0, 1, 10, 0)
  const table = profileTable(
    [
      {
        profile: 'website',
        appUrl: 'https://o/a',
        role: 'arn:aws:iam::111111111111:role/ReadOnly',
        status: {state: 'valid', expiration: new Date(2030, 0, 1, 13, 0), roleArn: ''},
      },
      {profile: 'b', appUrl: 'https://o/b', status: {state: 'expired', expiration: new Date(2029, 0, 1), roleArn: ''}},
      {profile: 'c', status: {state: 'none'}},
      {profile: 'oidc', webIdentityOrg: 'https://o', role: 'arn:aws:iam::111111111111:role/Dev', status: {state: 'none'}},
    ],
    now,
  )
  assert.equal(table, [
    'PROFILE  APP URL / ROLE                                       CREDENTIALS',
    'website  https://o/a / ReadOnly in 111111111111               valid until 13:00 (3h)',
    'b        https://o/b                                          expired',
    'c        (no app URL)                                         none',
    'oidc     https://o (Okta web identity) / Dev in 111111111111  none',
  ])
})

test.run()
