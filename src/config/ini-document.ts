import {CloktaError} from '../errors.js'

/**
 * An INI file as the user wrote it. The dialect is Python's configparser
 * (RawConfigParser), which both the AWS CLI (botocore) and the original clokta read:
 * `key = value` or `key: value`, full-line `#`/`;` comments, case-insensitive keys,
 * section names taken as written, and a value continued on lines indented deeper than
 * its key (blank and comment lines inside a value do not end it).
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

// configparser's SECTCRE and OPTCRE, applied to the stripped line as it does.
const SECTION = /^\[(.+)\]/
const KEY = /^(.*?)\s*[=:]\s*(.*)$/
const COMMENT = /^[#;]/

const indentOf = (text: string) => /^\s*/.exec(text)![0].length

export class IniDocument {
  private constructor(
    private readonly lines: Line[],
    private readonly bom: string,
  ) {}

  /** @param source the file's display name, for error messages */
  static parse(text: string, source: string): IniDocument {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''
    const lines: Line[] = []
    const seen = new Map<string, Set<string>>()
    let section: string | undefined
    let inValue = false
    let indentLevel = 0
    let valueLine: Line | undefined
    let blanksInValue = 0
    const fail = (n: number, why: string): never => {
      throw new CloktaError(`${source} line ${n} ${why}.`, 'config', `Fix or remove that line of ${source}.`)
    }
    let n = 0
    for (const [whole, content, eol] of text.slice(bom.length).matchAll(/([^\r\n]*)(\r\n|\n|\r|$)/g)) {
      if (whole === '') break // the empty match at the end of the text
      n++
      const stripped = content.trim()
      let line: Line
      if (stripped === '') {
        line = {text: content, eol, kind: 'blank', section}
        blanksInValue++
      } else if (COMMENT.test(stripped)) line = {text: content, eol, kind: 'comment', section}
      else if (inValue && indentOf(content) > indentLevel) {
        line = {text: content, eol, kind: 'continuation', section}
        // as configparser joins it: inner blank lines kept, trailing ones dropped
        valueLine!.value += '\n'.repeat(blanksInValue + 1) + stripped
        blanksInValue = 0
      } else {
        indentLevel = indentOf(content)
        const header = SECTION.exec(stripped)
        if (header) {
          section = header[1]
          if (seen.has(section)) fail(n, `repeats the section [${section}]`)
          seen.set(section, new Set())
          line = {text: content, eol, kind: 'section', section}
          inValue = false
        } else {
          const m = KEY.exec(stripped)
          const key = m?.[1].trimEnd().toLowerCase()
          if (!m || !key) fail(n, 'is not `key = value`, a `[section]` header or a comment')
          if (section === undefined) fail(n, 'sets a key before any `[section]` header')
          const keys = seen.get(section!)!
          if (keys.has(key!)) fail(n, `repeats the key ${key} in [${section}]`)
          keys.add(key!)
          line = {text: content, eol, kind: 'key', section, key, value: m![2].trim()}
          inValue = true
          valueLine = line
          blanksInValue = 0
        }
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
    if (/[\r\n]/.test(value) || /[\r\n\]]/.test(section)) {
      throw new CloktaError(`Refusing to write a line break into [${section}] ${key}.`, 'config')
    }
    const normalized = key.toLowerCase()
    const existing = this.keyLine(section, normalized)
    if (existing) {
      // keep the key's indentation, so an indented file stays as it was
      const text = `${/^\s*/.exec(existing.text)![0]}${normalized} = ${value}`
      const at = this.lines.indexOf(existing)
      this.lines.splice(at, this.valueEnd(at) - at, {...existing, text, key: normalized, value})
      return
    }
    const text = `${normalized} = ${value}`
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
    let indent = ''
    for (let i = header + 1; i < this.lines.length && this.lines[i].kind !== 'section'; i++) {
      if (this.lines[i].kind === 'key') {
        indent = /^\s*/.exec(this.lines[i].text)![0]
        insertAt = this.valueEnd(i)
      }
    }
    if (insertAt === this.lines.length) this.terminateLastLine()
    this.lines.splice(insertAt, 0, {text: indent + text, eol, kind: 'key', section, key: normalized, value})
  }

  delete(section: string, key: string): void {
    const existing = this.keyLine(section, key.toLowerCase())
    if (!existing) return
    const at = this.lines.indexOf(existing)
    this.lines.splice(at, this.valueEnd(at) - at)
  }

  toString(): string {
    return this.bom + this.lines.map((l) => l.text + l.eol).join('')
  }

  private keyLine(section: string, key: string): Line | undefined {
    const k = key.toLowerCase()
    return this.lines.find((l) => l.kind === 'key' && l.section === section && l.key === k)
  }

  /** The index after a key's last continuation line; blank or comment lines after that are not its. */
  private valueEnd(keyIndex: number): number {
    let end = keyIndex + 1
    for (let i = keyIndex + 1; i < this.lines.length; i++) {
      const kind = this.lines[i].kind
      if (kind === 'continuation') end = i + 1
      else if (kind !== 'blank' && kind !== 'comment') break
    }
    return end
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
