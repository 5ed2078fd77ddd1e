import {CloktaError} from '../errors.js'

/**
 * An INI file as the user wrote it. The dialect is Python's configparser, which both the
 * AWS CLI (botocore) and the original clokta read: `key = value` or `key: value`, `#`/`;`
 * comment lines, indented continuation lines, case-insensitive keys.
 *
 * Edits touch only the lines of the keys they change, so every other section, comment and
 * blank line stays byte for byte. (The `ini` package cannot do that: it drops comments and
 * nests dotted section names such as `[profile my.service]`.)
 */
type LineKind = 'blank' | 'comment' | 'section' | 'key' | 'continuation'

interface Line {
  text: string
  eol: string
  kind: LineKind
  section?: string
  key?: string
  value?: string
}

const SECTION = /^\s*\[(.+)\]\s*$/
const KEY = /^([^=:\s][^=:]*?)\s*[=:]\s?(.*)$/
const COMMENT = /^\s*[#;]/

export class IniDocument {
  private constructor(
    private readonly lines: Line[],
    private readonly bom: string,
  ) {}

  /** @param source the file's display name, for error messages */
  static parse(text: string, source: string): IniDocument {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''
    const body = text.slice(bom.length)
    const lines: Line[] = []
    const seen = new Map<string, Set<string>>()
    let section: string | undefined
    const fail = (n: number, why: string): never => {
      throw new CloktaError(`${source} line ${n} ${why}.`, 'config', `Fix or remove that line of ${source}.`)
    }
    const matches = body.matchAll(/([^\r\n]*)(\r\n|\n|\r|$)/g)
    let n = 0
    for (const [whole, content, eol] of matches) {
      if (whole === '') break // the empty match at the end of the text
      n++
      const previous = lines.at(-1)
      let line: Line
      if (/^\s*$/.test(content)) line = {text: content, eol, kind: 'blank', section}
      else if (COMMENT.test(content)) line = {text: content, eol, kind: 'comment', section}
      else if (/^\s/.test(content) && (previous?.kind === 'key' || previous?.kind === 'continuation'))
        line = {text: content, eol, kind: 'continuation', section}
      else if (SECTION.test(content)) {
        section = SECTION.exec(content)![1].trim()
        if (seen.has(section)) fail(n, `repeats the section [${section}]`)
        seen.set(section, new Set())
        line = {text: content, eol, kind: 'section', section}
      } else {
        const m = KEY.exec(content.trim())
        if (!m) fail(n, 'is not `key = value`, a `[section]` header or a comment')
        if (section === undefined) fail(n, 'sets a key before any `[section]` header')
        const key = m![1].trim().toLowerCase()
        const keys = seen.get(section!)!
        if (keys.has(key)) fail(n, `repeats the key ${key} in [${section}]`)
        keys.add(key)
        line = {text: content, eol, kind: 'key', section, key, value: m![2].trim()}
      }
      lines.push(line)
    }
    return new IniDocument(lines, bom)
  }

  static empty(): IniDocument {
    return new IniDocument([], '')
  }

  sections(): string[] {
    return this.lines.filter((l) => l.kind === 'section').map((l) => l.section!)
  }

  hasSection(section: string): boolean {
    return this.lines.some((l) => l.kind === 'section' && l.section === section)
  }

  get(section: string, key: string): string | undefined {
    return this.keyLine(section, key)?.value
  }

  entries(section: string): Record<string, string> {
    const out: Record<string, string> = {}
    for (const l of this.lines) if (l.kind === 'key' && l.section === section) out[l.key!] = l.value!
    return out
  }

  set(section: string, key: string, value: string): void {
    if (/[\r\n]/.test(value) || /[\r\n\]]/.test(section)) throw new Error(`refusing to write a line break into [${section}] ${key}`)
    const normalized = key.toLowerCase()
    const existing = this.keyLine(section, normalized)
    const text = `${normalized} = ${value}`
    if (existing) {
      const at = this.lines.indexOf(existing)
      let end = at + 1
      while (this.lines[end]?.kind === 'continuation') end++
      this.lines.splice(at, end - at, {...existing, text, key: normalized, value})
      return
    }
    const eol = this.eol()
    const header = this.lines.findIndex((l) => l.kind === 'section' && l.section === section)
    if (header === -1) {
      this.terminateLastLine()
      if (this.lines.length > 0 && this.lines.at(-1)!.kind !== 'blank') this.lines.push({text: '', eol, kind: 'blank', section})
      this.lines.push({text: `[${section}]`, eol, kind: 'section', section})
      this.lines.push({text, eol, kind: 'key', section, key: normalized, value})
      return
    }
    let insertAt = header + 1
    for (let i = header + 1; i < this.lines.length && this.lines[i].kind !== 'section'; i++) {
      if (this.lines[i].kind === 'key' || this.lines[i].kind === 'continuation') insertAt = i + 1
    }
    if (insertAt === this.lines.length) this.terminateLastLine()
    this.lines.splice(insertAt, 0, {text, eol, kind: 'key', section, key: normalized, value})
  }

  delete(section: string, key: string): void {
    const existing = this.keyLine(section, key.toLowerCase())
    if (!existing) return
    const at = this.lines.indexOf(existing)
    let end = at + 1
    while (this.lines[end]?.kind === 'continuation') end++
    this.lines.splice(at, end - at)
  }

  toString(): string {
    return this.bom + this.lines.map((l) => l.text + l.eol).join('')
  }

  private keyLine(section: string, key: string): Line | undefined {
    const k = key.toLowerCase()
    return this.lines.find((l) => l.kind === 'key' && l.section === section && l.key === k)
  }

  /** New lines use the file's own line ending, so a CRLF file stays CRLF. */
  private eol(): string {
    return this.lines.find((l) => l.eol !== '')?.eol ?? '\n'
  }

  private terminateLastLine(): void {
    const last = this.lines.at(-1)
    if (last && last.eol === '') last.eol = this.eol()
  }
}
