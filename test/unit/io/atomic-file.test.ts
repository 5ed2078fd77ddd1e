import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {checkWritable, ensurePrivateDir, privateDirNotice, removeLeftoverTemps, writeFileAtomic} from '../../../src/io/atomic-file.js'
import {makeUnwritable} from '../../support/unwritable.js'

const made: string[] = []
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'clokta-atomic-'))
  made.push(dir)
  return dir
}
test.after(() => {
  for (const dir of made) rmSync(dir, {recursive: true, force: true})
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

test('a symlink clokta must not write through is refused with one line, and what it points at is untouched; one to follow is written through, the link kept', async () => {
  const dir = fresh()
  writeFileSync(join(dir, 'victim'), 'keep me\n')
  symlinkSync(join(dir, 'victim'), join(dir, 'p.sh'))
  const error = await rejection(writeFileAtomic(join(dir, 'p.sh'), 'export X=1\n', 0o600, 'refuse'))
  assert.match(error.message, /p\.sh is a symbolic link \(to .*victim\); clokta does not write through it\.$/)
  assert.is(readFileSync(join(dir, 'victim'), 'utf8'), 'keep me\n')
  await writeFileAtomic(join(dir, 'p.sh'), 'new\n', 0o600, 'follow')
  assert.ok(lstatSync(join(dir, 'p.sh')).isSymbolicLink())
  assert.is(readFileSync(join(dir, 'victim'), 'utf8'), 'new\n')
  assert.equal(readdirSync(dir).sort(), ['p.sh', 'victim'])
})

test('a write that fails leaves no temp file; one that succeeds leaves none either, and the file is 0600', async () => {
  const dir = fresh()
  mkdirSync(join(dir, 'in-the-way'))
  await rejection(writeFileAtomic(join(dir, 'in-the-way'), 'x'))
  assert.equal(readdirSync(dir), ['in-the-way'])
  await writeFileAtomic(join(dir, 'ok'), 'x', 0o600)
  assert.equal(readdirSync(dir).sort(), ['in-the-way', 'ok'])
  assert.is(statSync(join(dir, 'ok')).mode & 0o777, 0o600)
})

test("temp files of clokta's pattern older than a minute are removed; fresh ones and other files stay; a write sweeps its folder", async () => {
  const dir = fresh()
  const old = (Date.now() - 120_000) / 1000
  for (const name of ['.credentials.0123456789ab.tmp', '.p.env.aaaaaaaaaaaa.tmp', 'notes.tmp', '.x.y.tmp']) {
    writeFileSync(join(dir, name), 'secret')
    utimesSync(join(dir, name), old, old)
  }
  writeFileSync(join(dir, '.credentials.bbbbbbbbbbbb.tmp'), 'being written')
  await removeLeftoverTemps(dir)
  assert.equal(readdirSync(dir).sort(), ['.credentials.bbbbbbbbbbbb.tmp', '.x.y.tmp', 'notes.tmp'])
  await writeFileAtomic(join(dir, 'credentials'), 'x')
  await removeLeftoverTemps(dir, Date.now() + 120_000)
  assert.equal(readdirSync(dir).sort(), ['.x.y.tmp', 'credentials', 'notes.tmp'])
})

test('checkWritable: a folder where the file goes, a file where a folder goes, a dangling symlink refused or followed', async () => {
  const dir = fresh()
  mkdirSync(join(dir, 'a.env'))
  assert.match((await rejection(checkWritable(join(dir, 'a.env'), 'refuse'))).message, /a\.env: it is a folder, not a file\.$/)
  writeFileSync(join(dir, 'records'), '')
  assert.match(
    (await rejection(checkWritable(join(dir, 'records', 'p.json'), 'refuse'))).message,
    /^Cannot write in .*records: it is a file, not a folder\.$/,
  )
  symlinkSync(join(dir, 'gone', 'b.env'), join(dir, 'b.env'))
  assert.match((await rejection(checkWritable(join(dir, 'b.env'), 'refuse'))).message, /b\.env is a symbolic link \(to .*gone\/b\.env\)/)
  await checkWritable(join(dir, 'b.env'), 'follow')
  await checkWritable(join(dir, 'new', 'deeper', 'file'), 'refuse')
})

test('checkWritable: a folder clokta may not write in (0500 for a user; for root, which writes in a 0500 folder, an immutable one), before anything is written', async () => {
  const dir = fresh()
  mkdirSync(join(dir, 'ro'), {mode: 0o700})
  const unwritable = makeUnwritable(join(dir, 'ro'))
  if (!unwritable) return
  try {
    assert.match(
      (await rejection(checkWritable(join(dir, 'ro', 'credentials'), 'follow'))).message,
      new RegExp(`^Cannot write in .*ro: (permission denied|operation not permitted) \\(${unwritable.code}\\)\\.$`),
    )
    // a folder not yet there counts as the nearest one that is, which must let it be created
    assert.match((await rejection(checkWritable(join(dir, 'ro', 'records', 'p.json'), 'refuse'))).message, /^Cannot write in .*ro: /)
  } finally {
    unwritable.undo()
  }
})

test('a symlinked private folder is not chmod-ed; one line says its target lets others in', async () => {
  const dir = fresh()
  mkdirSync(join(dir, 'real'), {mode: 0o755})
  const {chmodSync} = await import('node:fs')
  chmodSync(join(dir, 'real'), 0o755)
  symlinkSync(join(dir, 'real'), join(dir, '.clokta'))
  await ensurePrivateDir(join(dir, '.clokta'), true)
  assert.is(statSync(join(dir, 'real')).mode & 0o777, 0o755)
  assert.match((await privateDirNotice(join(dir, '.clokta'))) ?? '', /\.clokta is a symbolic link to .*real, whose mode \(755\) lets others in/)
  chmodSync(join(dir, 'real'), 0o700)
  assert.is(await privateDirNotice(join(dir, '.clokta')), undefined)
  // a real folder is still narrowed
  mkdirSync(join(dir, 'own'), {mode: 0o755})
  chmodSync(join(dir, 'own'), 0o755)
  await ensurePrivateDir(join(dir, 'own'), true)
  assert.is(statSync(join(dir, 'own')).mode & 0o777, 0o700)
  assert.ok(existsSync(join(dir, 'own')))
})

test.run()
