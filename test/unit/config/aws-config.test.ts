import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {profileNameOf} from '../../../src/config/aws-config.js'

test('profile headers read as botocore splits them', () => {
  assert.is(profileNameOf('profile website'), 'website')
  assert.is(profileNameOf('profile  website'), 'website')
  assert.is(profileNameOf('profile "my.service"'), 'my.service')
  assert.is(profileNameOf('default'), 'default')
  assert.is(profileNameOf('sso-session corp'), undefined)
  assert.is(profileNameOf('website'), undefined)
})

test.run()
