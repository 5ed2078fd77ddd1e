import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Keychain} from '../../../src/io/keychain.js'
import type {Logger} from '../../../src/io/log.js'
import type {Prompter} from '../../../src/io/prompter.js'
import {describeLogout} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {passwordAccount, passwordSource, totpSeedAccount} from '../../../src/flow/okta-secrets.js'
import {fingerprint, PYTHON_CLOKTA_SERVICE, pythonDoneAccount} from '../../../src/flow/python-clokta-password.js'
import {forgetTotpSeed, keepTotpSeed} from '../../../src/flow/totp-seed.js'
import {totp} from '../../support/fake/totp.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

const org = new URL('https://example.okta.com')
const account = passwordAccount(org, 'jdoe')

/**
 * A keychain that holds `items` (clokta's own accounts, and `python` for the Python
 * clokta's service) and, when `stuck`, will not delete (a locked collection, say).
 */
function keychain(items: Map<string, string>, stuck = false, python = new Map<string, string>()): Keychain & {said: string[]} {
  const said: string[] = []
  return {
    said,
    get: async (a) => items.get(a),
    getFrom: async (service, a) => (service === PYTHON_CLOKTA_SERVICE ? python.get(a) : undefined),
    set: async (a, s) => (items.set(a, s), true),
    delete: async (a) => !stuck && items.delete(a),
    accounts: async () => [...items.keys()],
    available: async () => true,
    unavailable: undefined,
    notice: () => '',
    sayUnreachable: (c) => void said.push(c ?? 'password'),
  }
}
const log: Logger = {info() {}, warn() {}, debug() {}, secret() {}} as unknown as Logger
const prompter = (answers: string[]): Prompter => ({interactive: true, password: async () => answers.shift()!, say() {}}) as unknown as Prompter

test('a rejected stored password is removed; the next get asks', async () => {
  const items = new Map([[account, 'old']])
  let stopped = 0
  const source = passwordSource(
    {org, username: 'jdoe', keep: true, stopKeeping: async () => (stopped++, 'x')},
    keychain(items),
    prompter(['typed']),
    log,
  )
  assert.equal(await source.get(), {value: 'old', stored: true})
  assert.match(await source.rejected(), /it has been removed from the keychain\./)
  assert.is(items.has(account), false)
  assert.equal(await source.get(), {value: 'typed', stored: false})
  assert.is(stopped, 0)
})

test('a keychain that will not delete it: save_password_in_keychain is turned off so the next run never sends it', async () => {
  const items = new Map([[account, 'old']])
  let stopped = 0
  const source = passwordSource(
    {org, username: 'jdoe', keep: true, stopKeeping: async () => (stopped++, '[DEFAULT] of ~/.clokta/clokta.cfg')},
    keychain(items, true),
    prompter(['typed']),
    log,
  )
  await source.get()
  assert.match(
    await source.rejected(),
    /would not remove it: clokta set save_password_in_keychain = False in \[DEFAULT\] of ~\/\.clokta\/clokta\.cfg so that it is never sent again\./,
  )
  assert.is(stopped, 1)
  assert.equal(await source.get(), {value: 'typed', stored: false}, 'not read again in this run')
})

test('when the environment keeps it on, the user is told plainly the next run would send it again', async () => {
  const source = passwordSource(
    {org, username: 'jdoe', keep: true, stopKeeping: async () => undefined},
    keychain(new Map([[account, 'old']]), true),
    prompter(['t']),
    log,
  )
  await source.get()
  assert.match(await source.rejected(), /save_password_in_keychain comes from the environment, so the next run would send it again\.$/)
})

// 'correct horse' obfuscated by the Python clokta for jdoe, as its keyring entry holds it
const obfuscated = 'w43Dk8Ohw5fDj8OHw6PChcOSw5PDocOYw48='
const done = pythonDoneAccount('jdoe')
const info = (lines: string[]): Logger => ({...log, info: (l: string) => void lines.push(l)}) as Logger
const never = (): Prompter => ({interactive: false, password: async () => assert.unreachable('asked for the password')}) as unknown as Prompter

test("no password of its own: the Python clokta's is used, moved into clokta's own entry once accepted, and not read again", async () => {
  const items = new Map<string, string>()
  const lines: string[] = []
  const kc = keychain(items, false, new Map([['jdoe', obfuscated]]))
  const source = passwordSource({org, username: 'jdoe', keep: true, stopKeeping: async () => 'x'}, kc, never(), info(lines))
  assert.equal(await source.get(), {value: 'correct horse', stored: true})
  await source.accepted('correct horse')
  assert.is(items.get(account), 'correct horse')
  assert.is(items.get(done), fingerprint(obfuscated))
  assert.match(
    lines.join('\n'),
    /^Moved the Okta password the Python clokta kept in the OS keychain to clokta's own entry; the Python clokta's entry \(service clokta\.okta_password\) is left as it was\.$/,
  )
  // clokta's own entry later rejected and removed (a changed password): the Python clokta's copy is not brought back
  const next = passwordSource({org, username: 'jdoe', keep: true, stopKeeping: async () => 'x'}, kc, prompter(['typed']), log)
  assert.equal(await next.get(), {value: 'correct horse', stored: true})
  await next.rejected()
  assert.equal(await next.get(), {value: 'typed', stored: false})
})

test("save_password_in_keychain False: the Python clokta's password serves each run, is never moved; rejected once, never sent again", async () => {
  const items = new Map<string, string>()
  const kc = keychain(items, false, new Map([['jdoe', obfuscated]]))
  const policy = {
    org,
    username: 'jdoe',
    keep: false,
    stopKeeping: async () => {
      throw new Error("nothing of clokta's to stop keeping")
    },
  }
  const first = passwordSource(policy, kc, never(), log)
  assert.equal(await first.get(), {value: 'correct horse', stored: true})
  await first.accepted('correct horse')
  assert.equal([...items.keys()], [], 'for this run only: nothing kept, nothing recorded')
  const second = passwordSource(policy, kc, prompter(['typed']), log)
  assert.equal(await second.get(), {value: 'correct horse', stored: true}, 'read again the next run')
  assert.match(
    await second.rejected(),
    /^Okta rejected the password the Python clokta kept in the OS keychain; clokta will not send it again \(its entry, service clokta\.okta_password, is left as it was for the Python clokta\)\.$/,
  )
  assert.equal(await second.get(), {value: 'typed', stored: false})
  const third = passwordSource(policy, kc, prompter(['typed again']), log)
  assert.equal(await third.get(), {value: 'typed again', stored: false}, 'a later run does not send it either')
})

test("a new value the Python clokta saves after that is read once in its turn; the environment and clokta's own entry come first", async () => {
  const python = new Map([['jdoe', obfuscated]])
  const items = new Map([[done, fingerprint('an older value')]])
  const policy = {org, username: 'jdoe', keep: true, stopKeeping: async () => 'x'}
  assert.equal(await passwordSource(policy, keychain(items, false, python), never(), log).get(), {value: 'correct horse', stored: true})
  assert.equal(await passwordSource({...policy, fromEnv: 'from env'}, keychain(items, false, python), never(), log).get(), {
    value: 'from env',
    stored: false,
  })
  items.set(account, 'own')
  assert.equal(await passwordSource(policy, keychain(items, false, python), never(), log).get(), {value: 'own', stored: true})
})

// Moved from the CLI tests (keychain): configure --totp-seed and what a kept seed does.
const PASSWORD = {okta_password: 'correct horse'}
const USER = 'jdoe@example.com'
const seedOf = (f: FlowHarness) => f.keychain.get(totpSeedAccount(new URL(f.fake.oktaUrl), USER))
const rejection = (run: Promise<unknown>) =>
  run.then(
    () => {
      assert.unreachable('expected a rejection')
      return ''
    },
    (e: Error) => e.message,
  )

test('configure --totp-seed from the environment: a seed that is not base32 or too short is refused and nothing kept; a good one kept as apps show it (moved from the CLI tests)', async () => {
  await withFlow(
    {factors: [{type: 'token:software:totp', provider: 'OKTA'}]},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const keep = (seed: string) => keepTotpSeed('website', f.deps(), f.world({okta_onetimepassword_secret: seed}))
      assert.match(await rejection(keep('not-a-seed!')), /^okta_onetimepassword_secret is not a base32 TOTP secret/)
      assert.match(await rejection(keep('JBSWY3DP')), /^okta_onetimepassword_secret is too short for an authenticator seed/)
      assert.equal([...f.keychain.keys()], [], 'nothing kept')
      const seed = f.fake.scenario.totpSecret
      await keep(seed.toLowerCase().replace(/(.{4})/g, '$1 '))
      assert.is(seedOf(f), seed, 'kept as the app shows it')
      assert.ok(f.info.includes(`Kept the authenticator seed for ${USER} at ${new URL(f.fake.oktaUrl).host} in the OS keychain.`))
      assert.match(f.info.at(-1)!, new RegExp(`^Its code now is ${totp(seed, f.clock.now())} \\(for \\d+ s more\\): it should match your app\\.$`))
    },
    {keychain: true},
  )
})

test('a kept seed makes the codes without asking; logout keeps it; once --forget-totp-seed removed it, the code is asked for (moved from the CLI tests)', async () => {
  await withFlow(
    {factors: [{type: 'token:software:totp', provider: 'GOOGLE'}]},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const seed = f.fake.scenario.totpSecret
      f.keychain.set(totpSeedAccount(new URL(f.fake.oktaUrl), USER), seed)
      await f.login(['website'], {}, PASSWORD) // no terminal: success means the code was made
      const verify = f.fake.requests.filter((q) => q.path.includes('/verify'))
      assert.is(verify.length, 1)
      assert.is(JSON.parse(verify[0].body).passCode, totp(seed, f.clock.now()))

      const host = new URL(f.fake.oktaUrl).host
      const out = await logout({profile: 'website', all: false}, f.deps(), f.world())
      assert.ok(
        describeLogout(out).includes(
          `The authenticator seed for ${USER} at ${host} stays in the OS keychain (clokta configure -p website --forget-totp-seed removes it).`,
        ),
      )
      assert.is(seedOf(f), seed, 'logout keeps the seed, as it keeps the enrolment')

      assert.is(await forgetTotpSeed('website', f.deps(), f.world()), true)
      assert.is(f.info.at(-1), `Forgot the authenticator seed for ${USER} at ${host}.`)
      assert.is(seedOf(f), undefined)
      assert.match(await rejection(f.login(['website'], {force: true}, PASSWORD)), /^Cannot ask for the Google Authenticator code without a terminal/)
    },
    {keychain: true},
  )
})

test.run()
