import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

import {startFakeServices} from './fake/index.js'
import type {FakeServices, Scenario} from './fake/types.js'
import {
  keyringReachedSinceLastAsked,
  runCli,
  runInPty,
  tempHome,
  type CliResult,
  type PtyOptions,
  type PtyResult,
  type Step,
  type TempHome,
} from './run-cli.js'

export const PASSWORD = 'correct horse'

/** test/run.sh started a private Secret Service: keychain tests can run. */
export const KEYCHAIN = process.env.CLOKTA_TEST_KEYRING === 'private' && !!process.env.DBUS_SESSION_BUS_ADDRESS
/** What a child needs to reach that Secret Service; left out by default, so other tests see no keychain. */
export const KEYCHAIN_ENV = {DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS}

/** One test's world: a fresh fake Okta + STS, a fresh HOME, and the CLI pointed at both. */
export interface Harness {
  fake: FakeServices
  home: TempHome
  env: Record<string, string | undefined>
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>
  pty(args: string[], steps: Step[], env?: Record<string, string | undefined>, options?: PtyOptions): Promise<PtyResult>
  /** writes ~/.clokta/clokta.cfg */
  cfg(text: string): string
  read(relativePath: string): string
  mode(relativePath: string): number
  /** files under HOME that hold `text` (a secret that must not be there) */
  filesHolding(text: string): string[]
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : []
  })
}

/**
 * A test file's keyring is its own (test/run-files.mjs), but its tests share it: each starts
 * with it empty, so none inherits another's sessions at Okta orgs that have since shut down.
 * Only a child given the session bus (KEYCHAIN_ENV), or secret-tool run by a test, can have
 * put anything there since the last test (and the first test of a file cannot know).
 */
function emptyKeychain(): void {
  if (!KEYCHAIN || !keyringReachedSinceLastAsked()) return
  for (const service of ['clokta', 'clokta.okta_password']) {
    spawnSync('secret-tool', ['clear', 'service', service], {env: {...process.env, ...KEYCHAIN_ENV}, stdio: 'ignore'})
  }
}

export async function withHarness(scenario: Partial<Scenario>, body: (h: Harness) => Promise<void>): Promise<void> {
  emptyKeychain()
  const fake = await startFakeServices(scenario)
  const home = tempHome()
  const env = {AWS_ENDPOINT_URL_STS: fake.stsUrl}
  const h: Harness = {
    fake,
    home,
    env,
    run: (args, extra) => runCli(args, {home: home.dir, env: {...env, ...extra}}),
    pty: (args, steps, extra, options) => runInPty(args, {home: home.dir, env: {...env, ...extra}, steps, ...options}),
    cfg: (text) => home.write('.clokta/clokta.cfg', text),
    read: (p) => readFileSync(home.path(p), 'utf8'),
    mode: (p) => statSync(home.path(p)).mode & 0o777,
    filesHolding: (text) =>
      filesUnder(home.dir)
        .filter((f) => readFileSync(f, 'latin1').includes(text))
        .map((f) => relative(home.dir, f)),
  }
  try {
    await body(h)
  } finally {
    await fake.close()
    home.remove()
  }
}

/** A clokta.cfg for profile `website` as a returning user has it. */
export function returningUserCfg(fake: FakeServices, extra: {defaults?: string; profile?: string} = {}): string {
  return `[DEFAULT]
okta_username = jdoe@example.com
multifactor_preference = Okta Verify with Push
${extra.defaults ?? ''}
[website]
okta_aws_app_url = ${fake.appUrl}
${extra.profile ?? ''}`
}

export function parseIniSection(text: string, section: string): Record<string, string> {
  const out: Record<string, string> = {}
  let current: string | undefined
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[(.+)\]$/.exec(line.trim())
    if (header) current = header[1]
    else if (current === section && line.includes('=')) {
      const i = line.indexOf('=')
      out[line.slice(0, i).trim()] = line.slice(i + 1).trim()
    }
  }
  return out
}
