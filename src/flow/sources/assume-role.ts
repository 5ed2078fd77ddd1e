import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import {assumeRoleHop, type PlannedHop} from '../../sts/assume-role-chain.js'
import type {StsApi} from '../../sts/sts-client.js'
import type {CredentialSource} from './credential-source.js'

/** AssumeRole for one hop, signed with what `source` gives; the hop's STS client is made when it is called. */
export function assumeRole(source: CredentialSource, planned: PlannedHop, sts: () => StsApi, log: Logger, clock: Clock): CredentialSource {
  return {
    name: `${planned.hop.roleArn} (profile ${planned.hop.profile})`,
    get: async () => {
      const from = await source.get()
      return assumeRoleHop(from, planned, sts(), log, () => clock.now())
    },
  }
}

/**
 * A profile chained in ~/.aws/config: its role assumed from its source_profile's
 * credentials, which are themselves the source below assumed, down to the base (as the
 * AWS SDK's credential-provider-ini recurses over source_profile). `hops` end with the
 * profile asked for.
 */
export function assumeRoleChain(
  base: CredentialSource,
  hops: PlannedHop[],
  stsFor: (hop: PlannedHop) => StsApi,
  log: Logger,
  clock: Clock,
): CredentialSource {
  const top = hops.at(-1)
  if (top === undefined) return base
  return assumeRole(assumeRoleChain(base, hops.slice(0, -1), stsFor, log, clock), top, () => stsFor(top), log, clock)
}
