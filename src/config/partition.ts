import {CloktaError} from '../errors.js'
import type {Region} from './region.js'

/**
 * The AWS partitions clokta logs in to. Credentials of one work in no other: each has its
 * own sign-in (the SAML ACS URL), STS hosts, console and regions. The region patterns and
 * DNS suffixes are botocore's partitions.json (the SDKs' endpoint rules use the same).
 */
export interface Partition {
  name: 'aws' | 'aws-us-gov' | 'aws-cn'
  /** STS of a region is sts.<region>.<dnsSuffix> */
  dnsSuffix: string
  regions: RegExp
  /** where STS is called and AWS tools sent when no region of the partition is set */
  defaultRegion: string
  /** the sign-in host: its /saml is the ACS URL, its /federation the console's token exchange */
  signin: string
  /** the console's host; a region's console is <region>.<console> */
  console: string
}

export const PARTITIONS: Record<Partition['name'], Partition> = {
  aws: {
    name: 'aws',
    dnsSuffix: 'amazonaws.com',
    regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
    defaultRegion: 'us-east-1',
    signin: 'signin.aws.amazon.com',
    console: 'console.aws.amazon.com',
  },
  'aws-us-gov': {
    name: 'aws-us-gov',
    dnsSuffix: 'amazonaws.com',
    regions: /^us-gov-\w+-\d+$/,
    defaultRegion: 'us-gov-west-1',
    signin: 'signin.amazonaws-us-gov.com',
    console: 'console.amazonaws-us-gov.com',
  },
  'aws-cn': {
    name: 'aws-cn',
    dnsSuffix: 'amazonaws.com.cn',
    regions: /^cn-\w+-\d+$/,
    defaultRegion: 'cn-north-1',
    signin: 'signin.amazonaws.cn',
    console: 'console.amazonaws.cn',
  },
}

/** The partitions clokta does not serve, only so that their regions are told apart from aws's. */
const OTHER_REGIONS: [string, RegExp][] = [
  ['aws-iso', /^us-iso-\w+-\d+$/],
  ['aws-iso-b', /^us-isob-\w+-\d+$/],
  ['aws-iso-e', /^eu-isoe-\w+-\d+$/],
  ['aws-iso-f', /^us-isof-\w+-\d+$/],
  ['aws-eusc', /^eusc-(de)-\w+-\d+$/],
]

const KNOWN = Object.keys(PARTITIONS).join(', ')

const knownPartition = (name: string): Partition | undefined => (PARTITIONS as Partial<Record<string, Partition>>)[name]

/** arn:<partition>:…; aws for what is no ARN, as the console always took it. */
const arnPartitionName = (arn: string): string => /^arn:([\w-]+):/.exec(arn)?.[1] ?? 'aws'

/**
 * The partition a region belongs to, as the SDK decides it: the partition whose pattern
 * matches (fips- and -fips forms stripped; <partition>-global is its own), else aws.
 */
export function partitionNameOfRegion(region: string): string {
  const global = /^(aws(?:-[a-z]+)*)-global$/.exec(region)
  if (global) return global[1]
  const bare = region.replace(/^fips-|-fips$/g, '')
  for (const p of Object.values(PARTITIONS)) if (p.name !== 'aws' && p.regions.test(bare)) return p.name
  return OTHER_REGIONS.find(([, pattern]) => pattern.test(bare))?.[0] ?? 'aws'
}

export const regionInPartition = (region: string, partition: Partition): boolean => partitionNameOfRegion(region) === partition.name

/** The partition of an ARN (arn:aws-us-gov:iam::…); one clokta does not serve is an error naming it. */
export function partitionOfArn(arn: string): Partition {
  const name = arnPartitionName(arn)
  const partition = knownPartition(name)
  if (!partition) throw new CloktaError(`The role ${arn} is in the AWS partition ${name}, which clokta does not serve (only ${KNOWN}).`, 'usage')
  return partition
}

/**
 * The partition of a SAML ACS URL (the assertion's Destination): https://signin.aws.amazon.com/saml,
 * https://signin.amazonaws-us-gov.com/saml, https://signin.amazonaws.cn/saml, and their regional
 * forms (https://<region>.signin.aws.amazon.com/saml/acs/<id>). Undefined for any other URL.
 */
export function partitionOfAcsUrl(url: string): Partition | undefined {
  const host = /^https:\/\/([a-z0-9.-]+)\/saml(?:[/?#]|$)/i.exec(url.trim())?.[1]?.toLowerCase()
  if (host === undefined) return undefined
  return Object.values(PARTITIONS).find((p) => host === p.signin || host.endsWith(`.${p.signin}`))
}

export interface PartitionRegion {
  region: Region
  /** why the region set for the profile was not used, for --debug */
  setAside?: string
}

/**
 * The region a login in `partition` uses, for STS and for the files: the region set for
 * the profile (AWS_REGION, its region in ~/.aws/config) when it is one of the partition's,
 * else the partition's default. Outside aws, where tools would otherwise go to us-east-1
 * and fail, that default is written for them; in aws a profile without a region stays without.
 */
export function loginRegion(partition: Partition, configured: Region): PartitionRegion {
  if (regionInPartition(configured.value, partition)) return {region: configured}
  const source = `the default region of ${partition.name}`
  const region: Region = {value: partition.defaultRegion, source, known: configured.known || partition.name !== 'aws'}
  if (!configured.known) return {region}
  return {
    region,
    setAside: `region ${configured.value} (from ${configured.source}) is not a region of ${partition.name}: using ${partition.defaultRegion}`,
  }
}

/**
 * The region for credentials of `roleArn` (a chained hop's, a profile's record): loginRegion
 * in the role's partition; the configured region as it is for a partition clokta does not serve.
 */
export function roleRegion(roleArn: string, configured: Region): PartitionRegion {
  const partition = knownPartition(arnPartitionName(roleArn))
  return partition ? loginRegion(partition, configured) : {region: configured}
}

/**
 * The region of a SAML login of `roleArn`: its ACS URL (the assertion's Destination) and its
 * role ARN name its partition and must agree, since AWS takes the assertion only at its own
 * partition's sign-in and the role only there; then roleRegion.
 */
export function samlLoginRegion(destination: string | undefined, roleArn: string, configured: Region): PartitionRegion {
  const byAcs = destination === undefined ? undefined : partitionOfAcsUrl(destination)
  const byRole = arnPartitionName(roleArn)
  if (byAcs && byAcs.name !== byRole) {
    throw new CloktaError(
      `The SAML assertion is for ${destination} (partition ${byAcs.name}), but its role ${roleArn} is in partition ${byRole}.`,
      'saml',
      "Ask your Okta administrator to make the AWS app's ACS URL and its role ARNs name the same AWS partition.",
    )
  }
  return roleRegion(roleArn, configured)
}

/** What a login writes as AWS_REGION for credentials of `roleArn`: undefined when none. */
export function writtenRegionFor(roleArn: string, configured: Region): string | undefined {
  const {region} = roleRegion(roleArn, configured)
  return region.known ? region.value : undefined
}

/**
 * Every role of one chain in one partition: credentials of one partition cannot assume a
 * role of another, and no region can make them.
 */
export function checkOnePartition(profile: string, roleArns: string[]): void {
  const [first, ...rest] = roleArns
  if (roleArns.length === 0) return
  const other = rest.find((arn) => arnPartitionName(arn) !== arnPartitionName(first))
  if (other === undefined) return
  throw new CloktaError(
    `The chain of profile ${profile} crosses AWS partitions: ${first} is in ${arnPartitionName(first)}, ${other} in ${arnPartitionName(other)}.`,
    'config',
    "Credentials of one partition cannot assume roles of another: chain only roles of the source role's partition.",
  )
}

/** The partition's STS host for a region, as the SDK resolves it (sts.us-gov-west-1.amazonaws.com, sts.cn-north-1.amazonaws.com.cn). */
export function stsHostFor(region: string): string {
  const partition = knownPartition(partitionNameOfRegion(region)) ?? PARTITIONS.aws
  return `sts.${region}.${partition.dnsSuffix}`
}
