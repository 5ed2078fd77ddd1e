import * as assert from 'uvu/assert'

import {openWorld, type World} from '../../src/config/world.js'
import type {Clock} from '../../src/io/clock.js'
import {createHttpClient, type HttpClient} from '../../src/io/http.js'
import type {Keychain} from '../../src/io/keychain.js'
import type {Logger} from '../../src/io/log.js'
import {nonInteractivePrompter, type Choice, type Prompter, type Question} from '../../src/io/prompter.js'
import type {Deps} from '../../src/flow/deps.js'
import {login, type LoginResult} from '../../src/flow/login.js'
import type {LoginFlags} from '../../src/flow/profile-settings.js'
import type {Credentials} from '../../src/model/credentials.js'
import {createStsApi, type StsApi} from '../../src/sts/sts-client.js'
import {createSsoOidcApi, createSsoPortalApi} from '../../src/idp/aws-sso/sso-clients.js'
import {startFakeServices} from './fake/index.js'
import type {FakeServices, Scenario} from './fake/types.js'
import {tempHome, type TempHome} from './run-cli.js'

/**
 * The login flow in this process: the fake Okta over loopback HTTP, an STS fake that
 * records each call and answers at once, a clock that only moves when the flow sleeps
 * (push polls) or a test moves it, no keychain, no terminal, and HOME a temporary
 * directory. Policy (sources, precedence, still-valid, chaining, many profiles,
 * durations) is tested here; the CLI tests prove the wiring.
 */
export interface FlowHarness {
  fake: FakeServices
  home: TempHome
  clock: Clock & {advance(ms: number): void}
  /** every STS call, in order (the in-process STS only) */
  sts: StsCall[]
  info: string[]
  login(profiles: string[], flags?: Partial<LoginFlags>, env?: NodeJS.ProcessEnv, allRoles?: {template: string}): Promise<LoginResult>
  /** the World a run with this environment sees */
  world(env?: NodeJS.ProcessEnv): World
  /**
   * Answers for the next questions, in order: while any are queued the prompter acts as a
   * terminal; a question with none left fails the test. A select takes a choice's name, or
   * a function that picks one from the choices shown.
   */
  answer(...answers: Answer[]): void
  /** every question asked, as asked */
  asked: Asked[]
  /** the in-memory keychain (`{keychain: true}`), account → secret; `python` holds the Python clokta's service */
  keychain: Map<string, string>
  python: Map<string, string>
  /** the URLs the flow asked to open in a browser (none opens: it is told there is no display) */
  opened: string[]
  /** the Deps f.login runs with (the scripted prompter while answers are queued), for the other flows: configure, logout, the TOTP seed */
  deps(): Deps
}

export type Answer = string | boolean | ((choices: Choice<string>[]) => string)
export interface Asked {
  kind: 'input' | 'password' | 'select' | 'confirm'
  message: string
  subject: string
  choices?: Choice<string>[]
  initial?: unknown
}

export type StsCall =
  | {kind: 'saml'; region: string; roleArn: string; durationSeconds: number}
  | {kind: 'role'; region: string; roleArn: string; durationSeconds: number; as: string; roleSessionName: string; externalId?: string}
  /** durationSeconds 0: none asked (the role's maximum) */
  | {kind: 'web-identity'; region: string; roleArn: string; roleSessionName: string; token: string; durationSeconds: number}

export const FLAGS: LoginFlags = {noDefaultRole: false, pushTimeoutSeconds: 60, force: false, noSession: false}

const unavailableKeychain: Keychain = {
  get: async () => undefined,
  getFrom: async () => undefined,
  set: async () => false,
  delete: async () => false,
  accounts: async () => [],
  available: async () => false,
  unavailable: 'no keychain in this test',
  notice: (consequence) => `No OS keychain: ${consequence ?? 'clokta will ask each time'}`,
  sayUnreachable: () => {},
}

/**
 * `stsServer`: the fake STS over loopback through the real client (the AWS SDK), for what
 * depends on how STS answers (a role's maximum session, refusals); otherwise an in-process
 * STS that grants whatever is asked.
 */
export async function withFlow(
  scenario: Partial<Scenario>,
  body: (f: FlowHarness) => Promise<void>,
  options: {stsServer?: boolean; keychain?: boolean} = {},
): Promise<void> {
  const fake = await startFakeServices({push: {waits: 0, result: 'SUCCESS'}, ...scenario})
  const home = tempHome()
  const saved = {HOME: process.env.HOME, AWS_ENDPOINT_URL_STS: process.env.AWS_ENDPOINT_URL_STS}
  process.env.HOME = home.dir
  // the SDK reads its endpoint from the environment
  if (options.stsServer) process.env.AWS_ENDPOINT_URL_STS = fake.stsUrl
  // the fake services keep real time: this clock starts there and moves only when the flow sleeps or a test says
  let now = Math.floor(Date.now() / 1000) * 1000
  const clock = {
    now: () => now,
    sleep: async (ms: number) => void (now += ms),
    advance: (ms: number) => void (now += ms),
  }
  const info: string[] = []
  const log: Logger = {info: (m) => info.push(m), warn: (m) => info.push(m), debug: () => {}, secret: () => {}, debugEnabled: false}
  const calls: StsCall[] = []
  let issued = 0
  const credentials = (durationSeconds: number) => {
    issued++
    return {
      AccessKeyId: `ASIAFAKE${String(issued).padStart(8, '0')}`,
      SecretAccessKey: `secret-${issued}`,
      SessionToken: `token-${issued}`,
      Expiration: new Date(now + durationSeconds * 1000),
    }
  }
  const recording = (region: string): StsApi => ({
    endpoint: `https://sts.${region}.amazonaws.com`,
    assumeRoleWithSaml: async (input) => {
      calls.push({kind: 'saml', region, roleArn: input.roleArn, durationSeconds: input.durationSeconds})
      return {Credentials: credentials(input.durationSeconds), $metadata: {}}
    },
    assumeRole: async (input, as: Credentials) => {
      calls.push({kind: 'role', region, ...input, as: as.accessKeyId})
      return {Credentials: credentials(input.durationSeconds), $metadata: {}}
    },
    assumeRoleWithWebIdentity: async ({webIdentityToken, ...input}) => {
      calls.push({kind: 'web-identity', region, ...input, durationSeconds: input.durationSeconds ?? 0, token: webIdentityToken})
      return {Credentials: credentials(input.durationSeconds ?? 3600), $metadata: {}}
    },
  })
  const sts = options.stsServer ? (region: string) => createStsApi(region, 'clokta-test', log) : recording
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({HOME: home.dir, ...extra})
  const queued: Answer[] = []
  const asked: Asked[] = []
  const take = (kind: Asked['kind'], q: Question, extra: Partial<Asked> = {}): Answer => {
    asked.push({kind, message: q.message, subject: q.subject, ...extra})
    if (queued.length === 0) throw new Error(`unexpected question (${kind}): ${q.message}`)
    return queued.shift()!
  }
  const scripted: Prompter = {
    interactive: true,
    async input(q) {
      const answer = String(take('input', q, {initial: q.initial}))
      const valid = q.validate?.(answer) ?? true
      if (valid !== true) throw new Error(`the answer ${answer} to "${q.message}" was refused: ${valid}`)
      return answer.trim()
    },
    async password(q) {
      const answer = String(take('password', q))
      const valid = q.validate?.(answer) ?? (answer.length > 0 || 'Nothing was typed.')
      if (valid !== true) throw new Error(`the answer to "${q.message}" was refused: ${valid}`)
      return answer
    },
    async select<T extends string>(q: Question & {choices: Choice<T>[]; initial?: T}) {
      const answer = take('select', q, {choices: q.choices, initial: q.initial})
      const name = typeof answer === 'function' ? answer(q.choices) : String(answer)
      const choice = q.choices.find((c) => c.name === name)
      if (!choice || choice.disabled) throw new Error(`"${name}" is not a choice of "${q.message}"`)
      return choice.name
    },
    async confirm(q) {
      const answer = take('confirm', q, {initial: q.initial})
      if (typeof answer !== 'boolean') throw new Error(`"${q.message}" wants yes or no`)
      return answer
    },
    say: (line) => info.push(line),
  }
  const opened: string[] = []
  // IAM Identity Center through the real SDK clients, at the test server
  const ssoEnv = {AWS_ENDPOINT_URL_SSO_OIDC: fake.ssoUrl, AWS_ENDPOINT_URL_SSO: fake.ssoUrl}
  const sso = (region: string) => ({
    oidc: createSsoOidcApi(region, 'clokta-test', log, ssoEnv),
    portal: createSsoPortalApi(region, 'clokta-test', log, ssoEnv),
  })
  const kept = new Map<string, string>()
  const python = new Map<string, string>()
  const memoryKeychain: Keychain = {
    get: async (account) => kept.get(account),
    getFrom: async (service, account) => (service === 'clokta.okta_password' ? python.get(account) : undefined),
    set: async (account, secret) => (kept.set(account, secret), true),
    delete: async (account) => kept.delete(account),
    accounts: async (service) => [...(service === 'clokta.okta_password' ? python : kept).keys()],
    available: async () => true,
    unavailable: undefined,
    notice: () => 'unused',
    sayUnreachable: () => {},
  }
  const f: FlowHarness = {
    answer: (...answers) => void queued.push(...answers),
    asked,
    keychain: kept,
    python,
    fake,
    home,
    clock,
    opened,
    sts: calls,
    info,
    world: (extra) => openWorld(env(extra)),
    async login(profiles, flags = {}, extra = {}, allRoles) {
      return login(profiles, {...FLAGS, ...flags}, f.deps(), openWorld(env(extra)), allRoles)
    },
    deps: () => {
      let http: Promise<HttpClient> | undefined
      return {
        log,
        prompter: queued.length ? scripted : {...nonInteractivePrompter, say: (line) => info.push(line)},
        terminal: undefined,
        clock,
        keychain: options.keychain ? memoryKeychain : unavailableKeychain,
        http: () => (http ??= createHttpClient({log, userAgent: 'clokta-test', clock})),
        sts,
        sso,
        openBrowser: async (url) => (opened.push(url), 'there is no display in this test'),
        userAgent: 'clokta-test',
        close: () => {},
      }
    },
  }
  try {
    await body(f)
    assert.equal(queued, [], 'every queued answer was asked for')
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await fake.close()
    home.remove()
  }
}

/** clokta.cfg for `website` (and more sections) as a returning user has it. */
export function cfgFor(fake: FakeServices, sections = ''): string {
  return `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n${sections}`
}

// --- answers made when the question comes ---

/**
 * An answer to an input or password question that is made when it is asked, not when it is
 * queued: the code of an SMS the fake sends meanwhile, or the fake's time moved on just
 * before typing "r". The scripted prompter reads a typed answer as text, so this is a
 * function whose text is `make()`.
 */
export function whenAsked(make: () => string): Answer {
  return Object.assign(() => make(), {toString: make})
}
