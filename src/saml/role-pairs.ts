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
  const role = parts.map((p) => ROLE_ARN.exec(p)).find((m) => m !== null)
  const principalArn = parts.find((p) => PROVIDER_ARN.test(p))
  if (!role || !principalArn) return undefined
  const [roleArn, accountId, roleName] = role
  return {roleArn, principalArn, accountId, roleName}
}
