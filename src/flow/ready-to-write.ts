import {awsCredentialsPath} from '../config/aws-config.js'
import {ensurePrivateDir, privateDirNotice} from '../io/atomic-file.js'
import {cloktaDir} from '../io/paths.js'
import {checkArtefactTargets} from '../output/write-artefacts.js'
import type {LoginRun} from './login-run.js'

/**
 * Before the password is sent: the write lock (waiting, bounded, for another clokta that
 * holds it), then every file the profiles will write. What would fail after the login
 * (a busy lock, ~/.aws or ~/.clokta not writable, a folder or a symlink in the way) fails
 * now, with one line, and costs no password, push or STS call.
 */
export async function readyToWrite({writes, world, deps}: Pick<LoginRun, 'writes' | 'world' | 'deps'>, profiles: string[]): Promise<void> {
  const first = !writes.holding
  await ensurePrivateDir(cloktaDir(), true)
  await writes.hold(profiles)
  if (first) {
    const notice = await privateDirNotice(cloktaDir())
    if (notice !== undefined) deps.log.warn(notice)
  }
  await checkArtefactTargets(profiles, {credentialsFile: awsCredentialsPath(world.env)})
}
