import type {AssumeRoleWithSAMLCommandOutput, STSClient} from '@aws-sdk/client-sts'

/**
 * The STS calls clokta makes, so a unit test can pass a fake. The real one loads the AWS
 * SDK on first use (~110 ms): runs served from valid credentials never pay it.
 * The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL).
 */
export interface StsApi {
  assumeRoleWithSaml(input: {roleArn: string; principalArn: string; samlAssertion: string; durationSeconds: number}): Promise<AssumeRoleWithSAMLCommandOutput>
  /** where requests go, for error messages */
  readonly endpoint: string
}

export function stsEndpointFor(region: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || `https://sts.${region}.amazonaws.com`
}

export function createStsApi(region: string, userAgent: string): StsApi {
  let client: Promise<{sdk: typeof import('@aws-sdk/client-sts'); client: STSClient}> | undefined
  const load = () =>
    (client ??= (async () => {
      // The SDK warns on every client about Node 20's end of life; the user can do nothing about it here.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
      const sdk = await import('@aws-sdk/client-sts')
      return {sdk, client: new sdk.STSClient({region, maxAttempts: 3, customUserAgent: userAgent})}
    })())
  return {
    endpoint: stsEndpointFor(region),
    async assumeRoleWithSaml(input) {
      const {sdk, client: sts} = await load()
      return sts.send(
        new sdk.AssumeRoleWithSAMLCommand({
          RoleArn: input.roleArn,
          PrincipalArn: input.principalArn,
          SAMLAssertion: input.samlAssertion,
          DurationSeconds: input.durationSeconds,
        }),
      )
    },
  }
}
