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
  key: string
  value: string
}

type Line = (Text & {kind: 'blank' | 'comment' | 'continuation'}) | (Text & {kind: 'section'; section: string}) | KeyLine

/**
 * A section's lines, from its header to the next one (or the lines before the first header).
 * A big file is mostly sections a run never looks at: each keeps its text as read (a slice of
 * the file's, which V8 shares rather than copies) and becomes lines only when read or edited.
 */
interface Chunk {
  /** undefined for the lines before the first header */
  section: string | undefined
  raw: string
  lines?: Line[]
}

const isComment = (stripped: string) => stripped.startsWith('#') || stripped.startsWith(';')

// trimStart() drops exactly what /^\s*/ matches (white space and line terminators)
const indentOf = (text: string) => text.length - text.trimStart().length
const leadingSpace = (text: string) => text.slice(0, indentOf(text))

/**
 * Each line of `text` with its line ending, in one pass: the next \r and \n are looked up
 * once each, not at every line, so a file without \r is not scanned to its end per line.
 */
function eachLine(text: string, visit: (content: string, eol: string, start: number) => void): void {
  const next = (char: string, from: number) => {
    const at = text.indexOf(char, from)
    return at === -1 ? Infinity : at
  }
  let nextCr = -1
  let nextLf = -1
  for (let pos = 0; pos < text.length;) {
    if (nextCr < pos) nextCr = next('\r', pos)
    if (nextLf < pos) nextLf = next('\n', pos)
    const end = Math.min(nextCr, nextLf, text.length)
    const eol = end === text.length ? '' : end === nextCr && text[end + 1] === '\n' ? '\r\n' : text[end]
    visit(text.slice(pos, end), eol, pos)
    pos = end + eol.length
  }
}

/**
 * Reads lines as configparser does (SECTCRE and OPTCRE applied to the stripped line), failing
 * on what it refuses. Linear: no regular expression here can backtrack over a long line.
 * Without `visit` it only checks the text and reports each header: no line objects or values
 * are made, so checking a big file allocates little.
 */
function scan(text: string, source: string, onSection: (section: string, start: number) => void, visit?: (line: Line) => void): void {
  const seenSections = new Set<string>()
  let section: string | undefined
  let sectionKeys = new Set<string>()
  let indentLevel = 0
  // the key whose value later indented lines continue (a placeholder when only checking); none after a section header
  let valueLine: KeyLine | undefined
  let blanksInValue = 0
  const fail = (n: number, why: string) => new CloktaError(`${source} line ${n} ${why}.`, 'config', `Fix or remove that line of ${source}.`)
  const checking: KeyLine = {text: '', eol: '', kind: 'key', key: '', value: ''}
  let n = 0
  eachLine(text, (content, eol, start) => {
    n++
    const stripped = content.trim()
    if (stripped === '') {
      visit?.({text: content, eol, kind: 'blank'})
      blanksInValue++
    } else if (isComment(stripped)) visit?.({text: content, eol, kind: 'comment'})
    else if (valueLine && indentOf(content) > indentLevel) {
      if (visit) {
        visit({text: content, eol, kind: 'continuation'})
        // as configparser joins it: inner blank lines kept, trailing ones dropped
        valueLine.value += '\n'.repeat(blanksInValue + 1) + stripped
      }
      blanksInValue = 0
    } else {
      indentLevel = indentOf(content)
      // `\[(.+)\]`: the header runs to the line's last ]
      const close = stripped.startsWith('[') ? stripped.lastIndexOf(']') : -1
      if (close > 1) {
        section = stripped.slice(1, close)
        if (seenSections.has(section)) throw fail(n, `repeats the section [${section}]`)
        seenSections.add(section)
        sectionKeys = new Set()
        onSection(section, start)
        visit?.({text: content, eol, kind: 'section', section})
        valueLine = undefined
      } else {
        // `(.*?)\s*[=:]\s*(.*)`: the key ends at the first = or :
        const eq = stripped.indexOf('=')
        const colon = stripped.indexOf(':')
        const at = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon)
        const key = at === -1 ? '' : stripped.slice(0, at).trimEnd().toLowerCase()
        if (!key) throw fail(n, 'is not `key = value`, a `[section]` header or a comment')
        if (section === undefined) throw fail(n, 'sets a key before any `[section]` header')
        if (sectionKeys.has(key)) throw fail(n, `repeats the key ${key} in [${section}]`)
        sectionKeys.add(key)
        valueLine = visit ? {text: content, eol, kind: 'key', key, value: stripped.slice(at + 1).trim()} : checking
        visit?.(valueLine)
        blanksInValue = 0
      }
    }
  })
}

export class IniDocument {
  private constructor(
    private readonly chunks: Chunk[],
    /** each section's chunk, so a lookup does not walk the file */
    private readonly bySection: Map<string, Chunk>,
    private readonly bom: string,
    private readonly source: string,
    /** the file's own line ending, for new lines, so a CRLF file stays CRLF */
    private readonly newline: string,
  ) {}

  /** @param source the file's display name, for error messages */
  static parse(text: string, source: string): IniDocument {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''
    const body = text.slice(bom.length)
    const chunks: Chunk[] = []
    let section: string | undefined
    let chunkStart = 0
    // the text is only checked here: a chunk makes its lines when it is first read
    scan(body, source, (header, start) => {
      if (start > chunkStart || section !== undefined) chunks.push({section, raw: body.slice(chunkStart, start)})
      section = header
      chunkStart = start
    })
    if (body.length > chunkStart || section !== undefined) chunks.push({section, raw: body.slice(chunkStart)})
    const bySection = new Map(chunks.flatMap((c) => (c.section === undefined ? [] : [[c.section, c] as const])))
    return new IniDocument(chunks, bySection, bom, source, /\r\n|\n|\r/.exec(body)?.[0] ?? '\n')
  }

  static empty(): IniDocument {
    return new IniDocument([], new Map(), '', '', '\n')
  }

  sections(): string[] {
    return this.chunks.flatMap((c) => (c.section === undefined ? [] : [c.section]))
  }

  hasSection(section: string): boolean {
    return this.chunk(section) !== undefined
  }

  get(section: string, key: string): string | undefined {
    return this.keyLine(section, key)?.value
  }

  entries(section: string): Record<string, string> {
    const out: Record<string, string> = {}
    const chunk = this.chunk(section)
    if (chunk) for (const l of this.linesOf(chunk)) if (l.kind === 'key') out[l.key] = l.value
    return out
  }

  set(section: string, key: string, value: string): void {
    if (/[\r\n]/.test(value) || /[\r\n\]]/.test(section)) {
      throw new CloktaError(`Refusing to write a line break into [${section}] ${key}.`, 'config')
    }
    const normalized = key.toLowerCase()
    const chunk = this.chunk(section)
    const text = `${normalized} = ${value}`
    const eol = this.newline
    if (!chunk) {
      this.terminateLastLine()
      const last = this.chunks.at(-1)
      const lastLine = last && this.linesOf(last).at(-1)
      if (last && lastLine && lastLine.kind !== 'blank') this.linesOf(last).push({text: '', eol, kind: 'blank'})
      const added: Chunk = {
        section,
        raw: '',
        lines: [
          {text: `[${section}]`, eol, kind: 'section', section},
          {text, eol, kind: 'key', key: normalized, value},
        ],
      }
      this.chunks.push(added)
      this.bySection.set(section, added)
      return
    }
    const lines = this.linesOf(chunk)
    const existing = lines.findIndex((l) => l.kind === 'key' && l.key === normalized)
    if (existing !== -1) {
      // keep the key's indentation, so an indented file stays as it was
      const old = lines[existing]
      lines.splice(existing, valueEnd(lines, existing) - existing, {
        ...old,
        kind: 'key',
        text: `${leadingSpace(old.text)}${text}`,
        key: normalized,
        value,
      })
      return
    }
    let insertAt = 1
    let indent = ''
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].kind === 'key') {
        indent = leadingSpace(lines[i].text)
        insertAt = valueEnd(lines, i)
      }
    }
    if (insertAt === lines.length && chunk === this.chunks.at(-1)) this.terminateLastLine()
    lines.splice(insertAt, 0, {text: indent + text, eol, kind: 'key', key: normalized, value})
  }

  delete(section: string, key: string): void {
    const chunk = this.chunk(section)
    if (!chunk) return
    const lines = this.linesOf(chunk)
    const k = key.toLowerCase()
    const at = lines.findIndex((l) => l.kind === 'key' && l.key === k)
    if (at !== -1) lines.splice(at, valueEnd(lines, at) - at)
  }

  toString(): string {
    return this.bom + this.chunks.map((c) => (c.lines ? c.lines.map((l) => l.text + l.eol).join('') : c.raw)).join('')
  }

  private chunk(section: string): Chunk | undefined {
    return this.bySection.get(section)
  }

  /** A chunk's lines, made from its text the first time they are needed (the text was checked when the file was parsed). */
  private linesOf(chunk: Chunk): Line[] {
    if (!chunk.lines) {
      const lines: Line[] = []
      scan(
        chunk.raw,
        this.source,
        () => undefined,
        (line) => lines.push(line),
      )
      chunk.lines = lines
      chunk.raw = ''
    }
    return chunk.lines
  }

  private keyLine(section: string, key: string): KeyLine | undefined {
    const chunk = this.chunk(section)
    const k = key.toLowerCase()
    return chunk && this.linesOf(chunk).find((l): l is KeyLine => l.kind === 'key' && l.key === k)
  }

  private terminateLastLine(): void {
    const last = this.chunks.at(-1)
    const line = last && this.linesOf(last).at(-1)
    if (line && line.eol === '') line.eol = this.newline
  }
}

/** The index after a key's last continuation line; blank or comment lines after that are not its. */
function valueEnd(lines: Line[], keyIndex: number): number {
  let end = keyIndex + 1
  for (let i = keyIndex + 1; i < lines.length; i++) {
    const kind = lines[i].kind
    if (kind === 'continuation') end = i + 1
    else if (kind !== 'blank' && kind !== 'comment') break
  }
  return end
}
