import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {stsEndpointFor} from '../../../src/sts/sts-client.js'

test('the STS endpoint: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else the region’s; none of them when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, as the SDK reads them', () => {
  const sts = 'http://127.0.0.1:9/'
  assert.is(stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL_STS: sts, AWS_ENDPOINT_URL: 'https://all.example/'}), sts)
  assert.is(stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL: 'https://all.example/'}), 'https://all.example/')
  assert.is(stsEndpointFor('eu-west-1', {}), 'https://sts.eu-west-1.amazonaws.com')
  assert.is(
    stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL_STS: sts, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}),
    'https://sts.eu-west-1.amazonaws.com',
  )
})

test.run()
