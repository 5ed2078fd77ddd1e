/** One role the SAML assertion allows: the role and the SAML provider that vouches for it. */
export interface SamlRole {
  roleArn: string
  principalArn: string
  accountId: string
  /** last segment of the role ARN, without any path */
  roleName: string
}
