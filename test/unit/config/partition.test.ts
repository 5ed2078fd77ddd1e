import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {
  checkOnePartition,
  partitionNameOfRegion,
  partitionOfAcsUrl,
  roleRegion,
  samlLoginRegion,
  stsHostFor,
  writtenRegionFor,
} from '../../../src/config/partition.js'
import {UNSET_REGION, type Region} from '../../../src/config/region.js'
import {CloktaError} from '../../../src/errors.js'

const GOV_ACS = 'https://signin.amazonaws-us-gov.com/saml'
const CN_ACS = 'https://signin.amazonaws.cn/saml'
const AWS_ACS = 'https://signin.aws.amazon.com/saml'
const GOV_ROLE = 'arn:aws-us-gov:iam::123456789012:role/Developer'
const CN_ROLE = 'arn:aws-cn:iam::123456789012:role/Developer'
const AWS_ROLE = 'arn:aws:iam::123456789012:role/Developer'

const env = (value: string): Region => ({value, source: 'environment variable AWS_REGION', known: true})

function refusal(work: () => unknown): CloktaError {
  try {
    work()
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('accepted')
}

test('the partition of a region, as the SDK decides it (fips and global forms included)', () => {
  const cases: [string, string][] = [
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['aws-global', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['fips-us-gov-west-1', 'aws-us-gov'],
    ['us-gov-west-1-fips', 'aws-us-gov'],
    ['aws-us-gov-global', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['aws-cn-global', 'aws-cn'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ]
  for (const [region, partition] of cases) assert.is(partitionNameOfRegion(region), partition, region)
})

test('the partition of an ACS URL: global, regional, with an IdP id; none for other URLs', () => {
  const cases: [string, string | undefined][] = [
    [AWS_ACS, 'aws'],
    ['https://us-east-2.signin.aws.amazon.com/saml', 'aws'],
    ['https://eu-west-1.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46', 'aws'],
    [GOV_ACS, 'aws-us-gov'],
    ['https://us-gov-east-1.signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
    [CN_ACS, 'aws-cn'],
    ['https://signin.aws.amazon.com/federation', undefined],
    ['http://signin.aws.amazon.com/saml', undefined],
    ['https://signin.aws.amazon.com.evil.example/saml', undefined],
    ['https://login.salesforce.com/', undefined],
  ]
  for (const [url, partition] of cases) assert.is(partitionOfAcsUrl(url)?.name, partition, url)
})

test('the region of a SAML login: the one set when it is of the partition, else the partition default', () => {
  const cases: {name: string; acs?: string; role: string; configured: Region; region: string; known: boolean; setAside: boolean}[] = [
    {name: 'GovCloud, no region set', acs: GOV_ACS, role: GOV_ROLE, configured: UNSET_REGION, region: 'us-gov-west-1', known: true, setAside: false},
    {
      name: 'GovCloud, AWS_REGION=us-east-1',
      acs: GOV_ACS,
      role: GOV_ROLE,
      configured: env('us-east-1'),
      region: 'us-gov-west-1',
      known: true,
      setAside: true,
    },
    {
      name: 'GovCloud, AWS_REGION=us-gov-east-1',
      acs: GOV_ACS,
      role: GOV_ROLE,
      configured: env('us-gov-east-1'),
      region: 'us-gov-east-1',
      known: true,
      setAside: false,
    },
    {name: 'GovCloud, the role alone', role: GOV_ROLE, configured: env('eu-west-1'), region: 'us-gov-west-1', known: true, setAside: true},
    {name: 'China, no region set', acs: CN_ACS, role: CN_ROLE, configured: UNSET_REGION, region: 'cn-north-1', known: true, setAside: false},
    {
      name: 'China, cn-northwest-1',
      acs: CN_ACS,
      role: CN_ROLE,
      configured: env('cn-northwest-1'),
      region: 'cn-northwest-1',
      known: true,
      setAside: false,
    },
    {name: 'China, us-gov-west-1', acs: CN_ACS, role: CN_ROLE, configured: env('us-gov-west-1'), region: 'cn-north-1', known: true, setAside: true},
    {
      name: 'aws, no region set: none written',
      acs: AWS_ACS,
      role: AWS_ROLE,
      configured: UNSET_REGION,
      region: 'us-east-1',
      known: false,
      setAside: false,
    },
    {name: 'aws, eu-west-1', acs: AWS_ACS, role: AWS_ROLE, configured: env('eu-west-1'), region: 'eu-west-1', known: true, setAside: false},
    {
      name: 'aws, a GovCloud region set',
      acs: AWS_ACS,
      role: AWS_ROLE,
      configured: env('us-gov-west-1'),
      region: 'us-east-1',
      known: true,
      setAside: true,
    },
    {
      name: 'a partition clokta does not serve',
      role: 'arn:aws-iso:iam::123456789012:role/x',
      configured: env('us-iso-east-1'),
      region: 'us-iso-east-1',
      known: true,
      setAside: false,
    },
  ]
  for (const c of cases) {
    const {region, setAside} = samlLoginRegion(c.acs, c.role, c.configured)
    assert.is(region.value, c.region, c.name)
    assert.is(region.known, c.known, c.name)
    assert.is(setAside !== undefined, c.setAside, c.name)
    assert.is(writtenRegionFor(c.role, c.configured), c.known ? c.region : undefined, c.name)
  }
  const {setAside} = samlLoginRegion(GOV_ACS, GOV_ROLE, env('us-east-1'))
  assert.is(setAside, 'region us-east-1 (from environment variable AWS_REGION) is not a region of aws-us-gov: using us-gov-west-1')
})

test('an ACS URL and a role of different partitions: one line naming both', () => {
  for (const [acs, role] of [
    [GOV_ACS, AWS_ROLE],
    [AWS_ACS, GOV_ROLE],
    [CN_ACS, GOV_ROLE],
  ]) {
    const error = refusal(() => samlLoginRegion(acs, role, UNSET_REGION))
    assert.ok(error.message.includes(acs) && error.message.includes(role), error.message)
    assert.not.match(error.message, /\n/)
  }
  assert.match(
    refusal(() => samlLoginRegion(GOV_ACS, AWS_ROLE, UNSET_REGION)).message,
    /^The SAML assertion is for \S+ \(partition aws-us-gov\), but its role \S+ is in partition aws\.$/,
  )
})

test('a chained hop: its own region when of its partition, else the default', () => {
  assert.is(roleRegion(GOV_ROLE, {value: 'us-gov-east-1', source: 'region of [profile ops]', known: true}).region.value, 'us-gov-east-1')
  assert.is(roleRegion(GOV_ROLE, env('us-east-1')).region.value, 'us-gov-west-1')
  assert.is(roleRegion(AWS_ROLE, env('eu-west-1')).region.value, 'eu-west-1')
})

test('a chain of one partition passes; one that crosses partitions is an error naming both roles', () => {
  checkOnePartition('ops', [GOV_ROLE, 'arn:aws-us-gov:iam::210987654321:role/Ops'])
  checkOnePartition('ops', [])
  const error = refusal(() => checkOnePartition('ops', [GOV_ROLE, 'arn:aws:iam::210987654321:role/Ops']))
  assert.match(error.message, /profile ops crosses AWS partitions: arn:aws-us-gov:\S+ is in aws-us-gov, arn:aws:\S+ in aws\./)
})

test("the STS host of a region is its partition's, as the SDK resolves it", () => {
  assert.is(stsHostFor('us-gov-west-1'), 'sts.us-gov-west-1.amazonaws.com')
  assert.is(stsHostFor('cn-north-1'), 'sts.cn-north-1.amazonaws.com.cn')
  assert.is(stsHostFor('cn-northwest-1'), 'sts.cn-northwest-1.amazonaws.com.cn')
  assert.is(stsHostFor('eu-west-1'), 'sts.eu-west-1.amazonaws.com')
})

test.run()
