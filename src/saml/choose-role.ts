import {CloktaError} from '../errors.js'
import type {Logger} from '../io/log.js'
import type {Prompter} from '../io/prompter.js'
import type {SamlRole} from '../model/role.js'

export interface RoleRequest {
  /** --role or okta_aws_role_to_assume from the environment: must match */
  explicit?: {value: string; source: string}
  /** okta_aws_role_to_assume from clokta.cfg: used when it still matches */
  remembered?: string
  /** --no-default-role: ask even if a role is remembered */
  ignoreRemembered: boolean
  /** account id → name, from the [accounts] section of clokta.cfg */
  accountNames?: Record<string, string>
}

export interface RoleChoice {
  role: SamlRole
  /** the user picked it at the prompt: remember it for next time */
  chosenAtPrompt: boolean
}

/** Matches a full ARN, a role name, or "<account id>/<role name>", ignoring case in names. */
export function findRoles(roles: SamlRole[], wanted: string): SamlRole[] {
  const w = wanted.trim()
  const exact = roles.filter((r) => r.roleArn === w)
  if (exact.length) return exact
  const lower = w.toLowerCase()
  return roles.filter((r) => r.roleName.toLowerCase() === lower || `${r.accountId}/${r.roleName}`.toLowerCase() === lower)
}

/** "production (123456789012)" when the account has a name in clokta.cfg, else the id. */
export function accountLabel(accountId: string, names: Record<string, string> = {}): string {
  return names[accountId] ? `${names[accountId]} (${accountId})` : accountId
}

function describe(r: SamlRole): string {
  return `${r.accountId}/${r.roleName}`
}

export async function chooseRole(roles: SamlRole[], request: RoleRequest, prompter: Prompter, log: Logger): Promise<RoleChoice> {
  if (request.explicit) {
    const matches = findRoles(roles, request.explicit.value)
    if (matches.length === 1) return {role: matches[0], chosenAtPrompt: false}
    const available = roles.map(describe).join(', ')
    throw new CloktaError(
      matches.length === 0
        ? `The role "${request.explicit.value}" (from ${request.explicit.source}) is not among your roles: ${available}.`
        : `The role "${request.explicit.value}" (from ${request.explicit.source}) matches several roles: ${matches.map((r) => r.roleArn).join(', ')}.`,
      'role',
      matches.length === 0 ? undefined : 'Give the full role ARN or <account id>/<role name>.',
    )
  }
  if (roles.length === 1) return {role: roles[0], chosenAtPrompt: false}
  if (request.remembered && !request.ignoreRemembered) {
    const matches = findRoles(roles, request.remembered)
    if (matches.length === 1) {
      log.debug(`using the remembered role ${matches[0].roleArn} (--no-default-role asks again)`)
      return {role: matches[0], chosenAtPrompt: false}
    }
    log.warn(`The remembered role ${request.remembered} is no longer among your roles; choose another.`)
  }
  const sorted = [...roles].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.roleName.localeCompare(b.roleName))
  const arn = await prompter.select({
    message: 'Choose a role',
    subject: 'the AWS role',
    provide: `pass --role with one of: ${sorted.map(describe).join(', ')}`,
    choices: sorted.map((r) => ({name: r.roleArn, message: `${accountLabel(r.accountId, request.accountNames)} / ${r.roleName}`})),
    initial: request.remembered ? findRoles(roles, request.remembered)[0]?.roleArn : undefined,
  })
  const role = roles.find((r) => r.roleArn === arn)
  if (!role) throw new CloktaError(`The role chosen (${arn}) is not one that was offered.`, 'role')
  return {role, chosenAtPrompt: true}
}
