import {awsConfigPath} from '../config/aws-config.js'
import {formatDuration} from '../config/duration.js'
import {displayPath} from '../io/paths.js'

function clockTime(date: Date, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return date.toDateString() === now.toDateString() ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`
}

/** "valid until 16:02 (12h)": the local time, and how long from now, rounded to the minute. */
export function validUntil(expiration: Date, now = new Date()): string {
  const seconds = Math.max(0, Math.round((expiration.getTime() - now.getTime()) / 60_000) * 60)
  return `valid until ${clockTime(expiration, now)} (${formatDuration(seconds)})`
}

/**
 * An IAM Identity Center role as clokta names it (ssoRoleLabel: the account and the
 * permission set): "permission set ReadOnly in 111111111111". Not an ARN: GetRoleCredentials
 * does not say the role's (…:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_<hash>),
 * and only a call signed with the credentials (GetCallerIdentity) would.
 */
export function ssoRoleText(label: string): string {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(label)
  return m ? `permission set ${m[2]} in ${m[1]}, IAM Identity Center` : label
}

/** "ReadOnly in 111111111111": the role as people name it, path left out; any other ARN as it is. */
export function roleLabel(roleArn: string): string {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)
  return m ? `${m[2]} in ${m[1]}` : roleArn
}

export interface SummaryOutcome {
  kind: 'logged-in' | 'still-valid'
  profile: string
  roleArn: string
  /** roleArn names an IAM Identity Center account and permission set (ssoRoleLabel), not a role's ARN */
  ssoRole?: boolean
  /** chained in ~/.aws/config (role_arn + source_profile): AWS tools chain it themselves */
  chained?: boolean
  written: string[]
  credentials: {expiration: Date}
}

const artefact = (o: SummaryOutcome, ext: '.env' | '.sh') => {
  const path = o.written.find((p) => p.endsWith(ext))
  return path ? displayPath(path) : `~/.clokta/${o.profile}${ext}`
}

function validity(o: SummaryOutcome, now: Date): string {
  const who = `AWS credentials for profile ${o.profile} (${o.ssoRole ? ssoRoleText(o.roleArn) : roleLabel(o.roleArn)})`
  const expiration = o.credentials.expiration
  return o.kind === 'still-valid'
    ? `${who} are still ${validUntil(expiration, now)}; nothing to do (--force logs in again).`
    : `${who} are ${validUntil(expiration, now)}.`
}

/**
 * The AWS CLI and SDKs prefer role_arn in ~/.aws/config to keys under the same name in
 * ~/.aws/credentials, so `export AWS_PROFILE=<p>` would not use the keys clokta chained:
 * only the .env and .sh carry them.
 */
function chainedNote(o: SummaryOutcome, withFiles: boolean): string {
  const config = displayPath(awsConfigPath())
  const files = withFiles ? `; clokta's chained keys are in ${artefact(o, '.env')} and ${artefact(o, '.sh')} (source it)` : ''
  return `The AWS CLI chains ${o.profile} itself from ${config}${files}.`
}

function headLine(o: SummaryOutcome, inlineHelp: boolean, now: Date): string {
  if (o.chained) return `${validity(o, now)} ${chainedNote(o, !inlineHelp)}`
  return inlineHelp ? validity(o, now) : `${validity(o, now)} Run:  export AWS_PROFILE=${o.profile}`
}

/**
 * How to use the artefacts (-i): once for all the profiles of the run, each profile's
 * files under each heading. Chained profiles have no export line (see chainedNote).
 */
function inlineHelpLines(outcomes: SummaryOutcome[]): string[] {
  const exported = outcomes.filter((o) => !o.chained)
  if (outcomes.length === 1) {
    return [
      'To use them with docker-compose, add to the service:',
      '    env_file:',
      `      - ${artefact(outcomes[0], '.env')}`,
      'In shell scripts or on another machine:',
      `    source ${artefact(outcomes[0], '.sh')}`,
      ...(exported.length > 0 ? ['In this shell:', `    export AWS_PROFILE=${outcomes[0].profile}`] : []),
    ]
  }
  return [
    "To use them with docker-compose, give a service one profile's file:",
    ...outcomes.map((o) => `    env_file: ${artefact(o, '.env')}`),
    'In shell scripts or on another machine, source one of:',
    ...outcomes.map((o) => `    source ${artefact(o, '.sh')}`),
    ...(exported.length === 0 ? [] : [exported.length === 1 ? 'In this shell:' : 'In this shell, one of:']),
    ...exported.map((o) => `    export AWS_PROFILE=${o.profile}`),
  ]
}

/** What the login command says on success: a line per profile, then with -i how to use them. `now` is when "how long from now" counts from. */
export function loginSummary(outcomes: SummaryOutcome[], inlineHelp: boolean, now = new Date()): string {
  const heads = outcomes.map((o) => headLine(o, inlineHelp, now))
  return (inlineHelp && outcomes.length > 0 ? [...heads, ...inlineHelpLines(outcomes)] : heads).join('\n')
}

/**
 * -q prints only this, for `eval $(clokta -p <p> -q)`. A chained profile gets it too:
 * the AWS CLI then chains that profile itself from its source profile, whose
 * credentials clokta has just refreshed (or which holds keys of its own).
 */
export function exportLine(profile: string): string {
  return `export AWS_PROFILE=${profile}`
}
