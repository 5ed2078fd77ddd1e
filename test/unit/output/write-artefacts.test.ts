import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {WriteLock} from '../../../src/io/file-lock.js'
import type {ProfileCredentials} from '../../../src/model/credentials.js'
import {checkArtefactTargets, writeArtefacts} from '../../../src/output/write-artefacts.js'

async function inHome(body: (home: string) => Promise<void>): Promise<void> {
  const saved = process.env.HOME
  const home = mkdtempSync(join(tmpdir(), 'clokta-artefacts-'))
  process.env.HOME = home
  try {
    await body(home)
  } finally {
    process.env.HOME = saved
    rmSync(home, {recursive: true, force: true})
  }
}

const pc = (profile: string): ProfileCredentials => ({
  profile,
  roleArn: 'arn:aws:iam::123456789012:role/Developer',
  credentials: {accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key', sessionToken: 'token', expiration: new Date('2030-01-01T00:00:00Z')},
})

async function rejection(promise: Promise<unknown>): Promise<CloktaError> {
  try {
    await promise
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('expected a rejection')
}

test('every target is checked before any is written: a .sh that is a folder leaves ~/.aws/credentials and the .env as they were', () =>
  inHome(async (home) => {
    const credentialsFile = join(home, '.aws', 'credentials')
    mkdirSync(join(home, '.aws'))
    writeFileSync(credentialsFile, '[default]\nregion = x\n')
    mkdirSync(join(home, '.clokta', 'p.sh'), {recursive: true})
    const error = await rejection(writeArtefacts(pc('p'), {credentialsFile}))
    assert.is(error.message, 'Cannot write ~/.clokta/p.sh: it is a folder, not a file.')
    assert.is(error.hint, 'Move it away and run clokta again.')
    assert.is(readFileSync(credentialsFile, 'utf8'), '[default]\nregion = x\n')
    assert.not.ok(existsSync(join(home, '.clokta', 'p.env')))
  }))

test("a symlinked record is refused; the run's own lock serves the write and stays held until released", () =>
  inHome(async (home) => {
    const credentialsFile = join(home, '.aws', 'credentials')
    mkdirSync(join(home, '.clokta', 'records'), {recursive: true})
    writeFileSync(join(home, 'elsewhere.json'), '{}')
    symlinkSync(join(home, 'elsewhere.json'), join(home, '.clokta', 'records', 'p.json'))
    const error = await rejection(checkArtefactTargets(['p'], {credentialsFile}))
    assert.match(error.message, /^~\/\.clokta\/records\/p\.json is a symbolic link \(to ~\/elsewhere\.json\)/)
    const lock = new WriteLock(join(home, '.clokta', '.write.lock'))
    const written = await writeArtefacts(pc('q'), {credentialsFile}, lock)
    assert.is(written.length, 4)
    assert.ok(existsSync(join(home, '.clokta', '.write.lock')), 'still held')
    await lock.release()
    assert.not.ok(existsSync(join(home, '.clokta', '.write.lock')))
    assert.is(readFileSync(join(home, 'elsewhere.json'), 'utf8'), '{}')
  }))

test('with no profile known yet (--all-roles): ~/.aws/credentials and records/ are checked', () =>
  inHome(async (home) => {
    mkdirSync(join(home, '.clokta'))
    writeFileSync(join(home, '.clokta', 'records'), '')
    const error = await rejection(checkArtefactTargets([], {credentialsFile: join(home, '.aws', 'credentials')}))
    assert.is(error.message, 'Cannot write in ~/.clokta/records: it is a file, not a folder.')
  }))

test.run()
