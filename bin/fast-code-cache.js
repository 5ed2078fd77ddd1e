#!/usr/bin/env node
// Run by `npm run build:fast`, not by users: V8's code cache for dist/fast/fast.cjs, made
// after the fast paths (credential-process, a still-valid `clokta -p X`, `clokta env`) have served once
// from a throwaway HOME, so that the functions they run are in it, compiled. bin/run.cjs
// hands it to V8 with the bundle: it saves about a tenth of a bare node start. A node whose
// V8 differs rejects it and compiles the bundle as if it were absent.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {Script} from 'node:vm'

const file = join(import.meta.dirname, '../dist/fast/fast.cjs')
const home = mkdtempSync(join(tmpdir(), 'clokta-code-cache-'))
// the files the fast paths read follow HOME (os.homedir() reads the process's own) and AWS_CONFIG_FILE and the like
process.env.HOME = home
// and on Windows USERPROFILE
process.env.USERPROFILE = home
const env = {HOME: home, USERPROFILE: home}

const app = 'https://example.okta.com/home/amazon_aws/0oa1example/272'
const role = 'arn:aws:iam::123456789012:role/Developer'
/** @param {string} path @param {string} text */
const put = (path, text) => {
  mkdirSync(dirname(join(home, path)), {recursive: true})
  writeFileSync(join(home, path), text)
}
put('.clokta/clokta.cfg', `[DEFAULT]\nokta_username = jdoe@example.com\n\n[website]\nokta_aws_app_url = ${app}\nokta_aws_role_to_assume = ${role}\n`)
put('.aws/credentials', '[website]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\naws_session_token = token\n')
put('.clokta/website.env', '')
put('.clokta/website.sh', '')
const expiration = new Date(Date.now() + 3600_000).toISOString()
const record = {version: 1, profile: 'website', roleArn: role, accessKeyId: 'ASIAEXAMPLE', expiration, madeFor: `saml ${app} jdoe@example.com`}
put('.clokta/records/website.json', JSON.stringify(record))

try {
  // as bin/run.cjs loads it: the bundle is one function expression (see build:fast)
  const script = new Script(readFileSync(file, 'utf8'), {filename: file})
  /** @typedef {{fastOutput(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<unknown>}} FastBundle */
  const bundle = {exports: /** @type {FastBundle} */ ({})}
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- what a script evaluates to has no type
  const run = /** @type {(...args: unknown[]) => void} */ (script.runInThisContext())
  run(bundle.exports, createRequire(file), bundle, file, dirname(file))
  const runs = [
    ['credential-process', '-p', 'website'],
    ['-p', 'website', '--json'],
    ['env', '-p', 'website'],
  ]
  const outputs = await Promise.all(runs.map((args) => bundle.exports.fastOutput(args, env, Date.now())))
  const missed = runs.filter((_, i) => outputs[i] === undefined).map((args) => args.join(' '))
  if (missed.length > 0) throw new Error(`the fast paths did not serve ${missed.join(', ')}: update bin/fast-code-cache.js's files`)
  writeFileSync(`${file}.cache`, script.createCachedData())
} finally {
  rmSync(home, {recursive: true, force: true})
}
