import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Keychain} from '../../../src/io/keychain.js'
import type {Logger} from '../../../src/io/log.js'
import type {Prompter} from '../../../src/io/prompter.js'
import {passwordAccount, passwordSource} from '../../../src/flow/okta-secrets.js'

const org = new URL('https://example.okta.com')
const account = passwordAccount(org, 'jdoe')

/** A keychain that holds `items` and, when `stuck`, will not delete (a locked collection, say). */
function keychain(items: Map<string, string>, stuck = false): Keychain {
  return {
    get: async (a) => items.get(a),
    set: async (a, s) => (items.set(a, s), true),
    delete: async (a) => !stuck && items.delete(a),
    accounts: async () => [...items.keys()],
    available: async () => true,
    unavailable: undefined,
    notice: () => '',
    sayUnreachable() {},
  }
}
const log: Logger = {info() {}, warn() {}, debug() {}, secret() {}} as unknown as Logger
const prompter = (answers: string[]): Prompter =>
  ({interactive: true, password: async () => answers.shift()!, say() {}}) as unknown as Prompter

test('a rejected stored password is removed; the next get asks', async () => {
  const items = new Map([[account, 'old']])
  let stopped = 0
  const source = passwordSource({org, username: 'jdoe', keep: true, stopKeeping: async () => (stopped++, 'x')}, keychain(items), prompter(['typed']), log)
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
  assert.match(await source.rejected(), /would not remove it: clokta set save_password_in_keychain = False in \[DEFAULT\] of ~\/\.clokta\/clokta\.cfg so that it is never sent again\./)
  assert.is(stopped, 1)
  assert.equal(await source.get(), {value: 'typed', stored: false}, 'not read again in this run')
})

test('when the environment keeps it on, the user is told plainly the next run would send it again', async () => {
  const source = passwordSource({org, username: 'jdoe', keep: true, stopKeeping: async () => undefined}, keychain(new Map([[account, 'old']]), true), prompter(['t']), log)
  await source.get()
  assert.match(await source.rejected(), /save_password_in_keychain comes from the environment, so the next run would send it again\.$/)
})

test.run()
