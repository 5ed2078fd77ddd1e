import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {awsCredentialsPath} from '../../config/aws-config.js'
import {cloktaCfgPath} from '../../config/clokta-cfg.js'
import {errnoCode, messageOf} from '../../errors.js'
import {cloktaDir, displayPath} from '../../io/paths.js'
import {ok, warning, type Finding} from './findings.js'
import type {DoctorContext} from './survey.js'

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0')

function whoElse(extra: number): string {
  const who = [extra & 0o070 && 'your group', extra & 0o007 && 'everyone'].filter(Boolean)
  return who.join(' and ')
}

/** A private file's mode and owner: bits beyond `want` let others read keys or settings. */
export function modeFinding(subject: string, mode: number, want: number, owner: number, uid: number | undefined): Finding {
  if (uid !== undefined && owner !== uid)
    return warning('mode', subject, `owned by uid ${owner}, not by you (uid ${uid}): clokta may not be able to rewrite it`)
  const extra = mode & 0o777 & ~want
  if (extra === 0) return ok('mode', subject, octal(mode))
  return warning('mode', subject, `${octal(mode)}: open to ${whoElse(extra)}; chmod ${want.toString(8)} ${subject}`)
}

async function statIfThere(path: string): Promise<{mode: number; uid: number} | undefined> {
  try {
    return await stat(path)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** The .env and .sh artefacts of every profile: one row when all are private, one per file that is not. */
async function artefactFindings(dir: string, uid: number | undefined): Promise<Finding[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.env') || n.endsWith('.sh')).sort()
  } catch {
    return []
  }
  const found = await Promise.all(names.map(async (n) => ({n, st: await statIfThere(join(dir, n))})))
  const rows = found.flatMap(({n, st}) => (st ? [modeFinding(displayPath(join(dir, n)), st.mode, 0o600, st.uid, uid)] : []))
  const open = rows.filter((r) => r.status !== 'ok')
  const fine = rows.length - open.length
  const summary = fine > 0 ? [ok('mode', displayPath(join(dir, '*.env, *.sh')), `${fine} file${fine === 1 ? '' : 's'}, private`)] : []
  return [...summary, ...open]
}

/** ~/.clokta 0700; clokta.cfg, ~/.aws/credentials and the .env/.sh files 0600, and all the user's own. */
export async function fileModes(c: DoctorContext): Promise<Finding[]> {
  if (c.deps.node.platform === 'win32') return [ok('mode', '(files)', 'not checked on Windows, where folders in your profile are private')]
  const dir = cloktaDir()
  const targets: [string, number][] = [
    [dir, 0o700],
    [cloktaCfgPath(), 0o600],
    [awsCredentialsPath(c.world.env), 0o600],
  ]
  const rows = await Promise.all(
    targets.map(async ([path, want]) => {
      try {
        const st = await statIfThere(path)
        return st ? [modeFinding(displayPath(path), st.mode, want, st.uid, c.deps.uid)] : []
      } catch (error) {
        return [warning('mode', displayPath(path), messageOf(error))]
      }
    }),
  )
  return [...rows.flat(), ...(await artefactFindings(dir, c.deps.uid))]
}
