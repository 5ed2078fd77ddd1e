import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAwsConfig} from '../../../src/config/aws-config.js'
import {checkRegionName, resolveRegion} from '../../../src/config/region.js'
import {resolveRoleChain} from '../../../src/config/role-chain.js'
import {CloktaError} from '../../../src/errors.js'

const config = (text: string) => parseAwsConfig(text, '/h/.aws/config')

function refusal(work: () => unknown): CloktaError {
  try {
    work()
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('accepted')
}

test('the region names of every AWS partition are taken, with the SDK fips and global forms', () => {
  for (const name of [
    'us-east-1',
    'eu-central-2',
    'ap-southeast-5',
    'il-central-1',
    'mx-central-1',
    'us-gov-west-1',
    'cn-northwest-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'eu-isoe-west-1',
    'eusc-de-east-1',
    'fips-us-east-1',
    'us-east-1-fips',
    'aws-global',
    'aws-us-gov-global',
  ]) {
    assert.is(checkRegionName(name, 'x'), name)
  }
})

test('anything else is refused naming where it came from: spaces, capitals, host names, a URL, control characters', () => {
  for (const bad of ['us east 1', 'US-EAST-1', 'us-east', 'useast1', 'us-east-1.evil.example#', 'evil.example/', 'us-east-1 ', 'us-east-1\n']) {
    const error = refusal(() => checkRegionName(bad, 'environment variable AWS_REGION'))
    assert.is(error.code, 'config')
    assert.match(error.message, /^The region ".*" from environment variable AWS_REGION is not a region name\.$/, bad)
    assert.match(error.hint ?? '', /us-east-1/)
  }
  assert.is(refusal(() => checkRegionName('a\nb', 'x')).message, 'The region "a\\nb" from x is not a region name.')
})

test('resolveRegion checks the region it settles on: from the environment or its profile section', () => {
  const aws = config('[default]\nregion = eu west 1\n[profile b]\nregion = uswest2\n[profile c]\nregion = us-west-2\n')
  assert.is(
    refusal(() => resolveRegion('c', aws, {AWS_REGION: 'us east 1'})).message,
    'The region "us east 1" from environment variable AWS_REGION is not a region name.',
  )
  assert.is(
    refusal(() => resolveRegion('c', aws, {AWS_DEFAULT_REGION: 'Frankfurt'})).message,
    'The region "Frankfurt" from environment variable AWS_DEFAULT_REGION is not a region name.',
  )
  assert.is(refusal(() => resolveRegion('b', aws, {})).message, 'The region "uswest2" from [profile b] in /h/.aws/config is not a region name.')
  assert.is(refusal(() => resolveRegion('default', aws, {})).message, 'The region "eu west 1" from [default] in /h/.aws/config is not a region name.')
  // only the region used is judged: a good AWS_REGION wins over a bad file
  assert.is(resolveRegion('b', aws, {AWS_REGION: 'sa-east-1'}).value, 'sa-east-1')
  assert.is(resolveRegion('c', aws, {}).value, 'us-west-2')
})

test('a chained profile whose own region is not a region name is refused when the chain is read, naming its section', () => {
  const aws = config('[profile svc]\nrole_arn = arn:aws:iam::1:role/svc\nsource_profile = website\nregion = eu-west-1a\n')
  const kinds = {isCloktaProfile: (p: string) => p === 'website', hasStaticCredentials: () => false, defaultApp: false}
  assert.is(
    refusal(() => resolveRoleChain('svc', aws, kinds)).message,
    'The region "eu-west-1a" from [profile svc] in /h/.aws/config is not a region name.',
  )
})

test.run()
