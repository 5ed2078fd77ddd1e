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
interface Text {
  text: string
  eol: string
}

interface KeyLine extends Text {
  kind: 'key'
  section: string
  key: string
  value: string
}

type Line = (Text & {kind: 'blank' | 'comment' | 'continuation'; section?: string}) | (Text & {kind: 'section'; section: string}) | KeyLine

// configparser's SECTCRE and OPTCRE, applied to the stripped line as it does.
const SECTION = /^\[(.+)\]/
const KEY = /^(.*?)\s*[=:]\s*(.*)$/
const COMMENT = /^[#;]/

// trimStart() drops exactly what /^\s*/ matches (white space and line terminators)
const indentOf = (text: string) => text.length - text.trimStart().length
const leadingSpace = (text: string) => text.slice(0, indentOf(text))

export class IniDocument {
  private constructor(
    private readonly lines: Line[],
    private readonly bom: string,
  ) {}

  /** @param source the file's display name, for error messages */
  static parse(text: string, source: string): IniDocument {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''
    const lines: Line[] = []
    const seenSections = new Set<string>()
    let section: string | undefined
    let sectionKeys = new Set<string>()
    let indentLevel = 0
    // the key whose value later indented lines continue; none after a section header
    let valueLine: KeyLine | undefined
    let blanksInValue = 0
    const fail = (n: number, why: string) => new CloktaError(`${source} line ${n} ${why}.`, 'config', `Fix or remove that line of ${source}.`)
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
      else if (valueLine && indentOf(content) > indentLevel) {
        line = {text: content, eol, kind: 'continuation', section}
        // as configparser joins it: inner blank lines kept, trailing ones dropped
        valueLine.value += '\n'.repeat(blanksInValue + 1) + stripped
        blanksInValue = 0
      } else {
        indentLevel = indentOf(content)
        const header = SECTION.exec(stripped)
        if (header) {
          section = header[1]
          if (seenSections.has(section)) throw fail(n, `repeats the section [${section}]`)
          seenSections.add(section)
          sectionKeys = new Set()
          line = {text: content, eol, kind: 'section', section}
          valueLine = undefined
        } else {
          const m = KEY.exec(stripped)
          const key = m?.[1].trimEnd().toLowerCase()
          if (!m || !key) throw fail(n, 'is not `key = value`, a `[section]` header or a comment')
          if (section === undefined) throw fail(n, 'sets a key before any `[section]` header')
          if (sectionKeys.has(key)) throw fail(n, `repeats the key ${key} in [${section}]`)
          sectionKeys.add(key)
          const keyLine: KeyLine = {text: content, eol, kind: 'key', section, key, value: m[2].trim()}
          line = keyLine
          valueLine = keyLine
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
    return this.lines.flatMap((l) => (l.kind === 'section' ? [l.section] : []))
  }

  hasSection(section: string): boolean {
    return this.lines.some((l) => l.kind === 'section' && l.section === section)
  }

  get(section: string, key: string): string | undefined {
    return this.keyLine(section, key)?.value
  }

  entries(section: string): Record<string, string> {
    const out: Record<string, string> = {}
    for (const l of this.lines) if (l.kind === 'key' && l.section === section) out[l.key] = l.value
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
      const text = `${leadingSpace(existing.text)}${normalized} = ${value}`
      const at = this.lines.indexOf(existing)
      this.lines.splice(at, this.valueEnd(at) - at, {...existing, text, key: normalized, value})
      return
    }
    const text = `${normalized} = ${value}`
    const eol = this.eol()
    const header = this.lines.findIndex((l) => l.kind === 'section' && l.section === section)
    if (header === -1) {
      this.terminateLastLine()
      const last = this.lines.at(-1)
      if (last && last.kind !== 'blank') this.lines.push({text: '', eol, kind: 'blank', section})
      this.lines.push({text: `[${section}]`, eol, kind: 'section', section})
      this.lines.push({text, eol, kind: 'key', section, key: normalized, value})
      return
    }
    let insertAt = header + 1
    let indent = ''
    for (let i = header + 1; i < this.lines.length && this.lines[i].kind !== 'section'; i++) {
      if (this.lines[i].kind === 'key') {
        indent = leadingSpace(this.lines[i].text)
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

  private keyLine(section: string, key: string): KeyLine | undefined {
    const k = key.toLowerCase()
    return this.lines.find((l): l is KeyLine => l.kind === 'key' && l.section === section && l.key === k)
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
