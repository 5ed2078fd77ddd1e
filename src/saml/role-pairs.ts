import type {SamlRole} from '../model/role.js'

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@\-/]*\/)?([\w+=,.@-]+)$/
const PROVIDER_ARN = /^arn:aws[\w-]*:iam::\d{12}:saml-provider\/[\w.-]+$/

/**
 * A Role attribute value is "role ARN,provider ARN" in either order (Okta puts the provider
 * first), and pretty-printed assertions pad it with whitespace; each half is classified by
 * what it is, not by where it stands.
 */
export function parseRolePair(value: string): SamlRole | undefined {
  const parts = value.split(',').map((p) => p.trim())
  if (parts.length !== 2) return undefined
  const roleArn = parts.find((p) => ROLE_ARN.test(p))
  const principalArn = parts.find((p) => PROVIDER_ARN.test(p))
  if (!roleArn || !principalArn) return undefined
  const [, accountId, roleName] = ROLE_ARN.exec(roleArn)!
  return {roleArn, principalArn, accountId, roleName}
}
