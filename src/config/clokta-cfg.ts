import {join} from 'node:path'

import {CloktaError} from '../errors.js'
import {ensurePrivateDir, readTextIfExists, writeFileAtomic} from '../io/atomic-file.js'
import {withFileLock, type WriteLock} from '../io/file-lock.js'
import {hasUndecodedBytes} from '../io/lossless-text.js'
import {cloktaDir, displayPath, writeLockPath} from '../io/paths.js'
import {IniDocument} from './ini-document.js'
import {escapePercent, interpolate, MAX_INTERPOLATION_DEPTH, type InterpolationProblem} from './interpolation.js'

/**
 * ~/.clokta/clokta.cfg, in the original clokta's layout: a [DEFAULT] section for what is
 * the same everywhere (okta_username, multifactor_preference) and one section per profile
 * (okta_aws_app_url, okta_aws_role_to_assume). Profile sections inherit [DEFAULT], as
 * Python's configparser made them.
 */
export const DEFAULT_SECTION = 'DEFAULT'
/** account id → name, shown in the role prompt and usable in --all-roles profile names */
export const ACCOUNTS_SECTION = 'accounts'

export function cloktaCfgPath(): string {
  return join(cloktaDir(), 'clokta.cfg')
}

/**
 * clokta.cfg as the original clokta's `configparser.ConfigParser()` reads it: values come
 * out interpolated (`%%` is `%`, `%(key)s` another key's value, looked up in the section
 * then [DEFAULT]). Like configparser, a value is interpolated when it is read, so a bad `%`
 * in a key nobody reads breaks nothing. The document underneath keeps the raw text.
 */
export class CloktaCfg {
  constructor(
    readonly path: string,
    private readonly doc: IniDocument,
  ) {}

  sections(): string[] {
    return this.doc.sections()
  }

  hasSection(section: string): boolean {
    return this.doc.hasSection(section)
  }

  /** The section sets the key itself, [DEFAULT] aside. */
  has(section: string, key: string): boolean {
    return this.doc.get(section, key) !== undefined
  }

  /** configparser's get(section, key): the section's own value, else the one it inherits from [DEFAULT]. */
  get(section: string, key: string): string | undefined {
    return this.own(section, key) ?? this.inherited(section, key)
  }

  /** The section's own value of the key. */
  own(section: string, key: string): string | undefined {
    return this.read(section, key, section)
  }

  /** [DEFAULT]'s value of the key as the section inherits it: its references look in the section first. */
  inherited(section: string, key: string): string | undefined {
    return this.read(section, key, DEFAULT_SECTION)
  }

  /** The section's own keys and values. */
  entries(section: string): Record<string, string> {
    return Object.fromEntries(Object.entries(this.doc.entries(section)).map(([key, raw]) => [key, this.expand(raw, section, key, section)]))
  }

  /** The file as it reads once `changes` are saved: what a run sees of its own answers before they are written. */
  withChanges(changes: CfgChange[]): CloktaCfg {
    if (changes.length === 0) return this
    const doc = IniDocument.parse(this.doc.toString(), displayPath(this.path))
    applyChanges(doc, changes)
    return new CloktaCfg(this.path, doc)
  }

  private read(section: string, key: string, holder: string): string | undefined {
    const raw = this.doc.get(holder, key)
    return raw === undefined ? undefined : this.expand(raw, section, key, holder)
  }

  /** The raw value of the key in `holder` as `section` reads it. */
  private expand(raw: string, section: string, key: string, holder: string): string {
    const result = interpolate(raw, (name) => this.doc.get(section, name) ?? this.doc.get(DEFAULT_SECTION, name))
    const file = displayPath(this.path)
    const what = holder === section ? `${key} in [${section}]` : `${key} in [DEFAULT] (as [${section}] inherits it)`
    if (!result.ok) throw interpolationError(file, what, section, result.problem)
    if (hasUndecodedBytes(result.value)) throw new CloktaError(`${file}: ${what} is not UTF-8 text.`, 'config', `Save ${file} as UTF-8.`)
    return result.value
  }
}

function interpolationError(file: string, what: string, section: string, problem: InterpolationProblem): CloktaError {
  const hint = `In ${file}, %% is a literal % and %(key)s the value of another key, as Python's configparser reads it.`
  const via = problem.kind !== 'depth' && problem.through.length > 0 ? ` (in the value of ${problem.through.join(' → ')}, which it refers to)` : ''
  switch (problem.kind) {
    case 'syntax':
      return new CloktaError(`${file}: ${what} has a % that is neither %% nor %(key)s${via}.`, 'config', hint)
    case 'missing': {
      const where = section === DEFAULT_SECTION ? '[DEFAULT] has no' : `neither [${section}] nor [DEFAULT] has a`
      return new CloktaError(`${file}: ${what} refers to %(${problem.name})s${via}, but ${where} key ${problem.name}.`, 'config', hint)
    }
    case 'depth':
      return new CloktaError(
        `${file}: ${what} refers to other keys more than ${MAX_INTERPOLATION_DEPTH} levels deep; does a key refer to itself?`,
        'config',
        hint,
      )
  }
}

async function readDocument(path: string): Promise<IniDocument> {
  const text = await readTextIfExists(path)
  return text === undefined ? IniDocument.empty() : IniDocument.parse(text, displayPath(path))
}

export async function loadCloktaCfg(path = cloktaCfgPath()): Promise<CloktaCfg> {
  return new CloktaCfg(path, await readDocument(path))
}

/** @param path where the text came from, for messages */
export function parseCloktaCfg(text: string, path: string): CloktaCfg {
  return new CloktaCfg(path, IniDocument.parse(text, displayPath(path)))
}

export interface CfgChange {
  section: string
  key: string
  /** the value as clokta means it (undefined removes the key); a `%` is written as `%%` */
  value: string | undefined
}

/**
 * Re-reads the file before applying the changes, so an edit the user made while a prompt
 * was open is not overwritten; only the named keys change.
 */
export async function saveCloktaCfg(changes: CfgChange[], path = cloktaCfgPath(), lock?: WriteLock): Promise<void> {
  if (changes.length === 0) return
  await ensurePrivateDir(cloktaDir(), true)
  const write = async () => {
    const doc = await readDocument(path)
    applyChanges(doc, changes)
    await writeFileAtomic(path, doc.toString(), 0o600)
  }
  // a login run holds the lock already: taking it again would wait for itself
  await (lock ? lock.writing(write) : withFileLock(writeLockPath(), write))
}

function applyChanges(doc: IniDocument, changes: CfgChange[]): void {
  // [DEFAULT] first, so that a new file reads as configparser (the original clokta) writes it
  const ordered = [...changes].sort((a, b) => Number(b.section === DEFAULT_SECTION) - Number(a.section === DEFAULT_SECTION))
  for (const change of ordered) {
    if (change.value === undefined) doc.delete(change.section, change.key)
    // escaped so that the Python clokta (and clokta) read back the value meant
    else doc.set(change.section, change.key, escapePercent(change.value))
  }
}
