/**
 * Text files clokta edits but does not own (~/.aws/credentials, ~/.aws/config, clokta.cfg)
 * may hold bytes that are not UTF-8: a cp1252 `é` in a comment, say. Decoding them as
 * Python's `surrogateescape` does (each such byte becomes the lone surrogate U+DC80..U+DCFF)
 * and encoding those back to their byte brings every byte back after an edit, while the
 * UTF-8 text around them reads as text. Valid UTF-8 never decodes to a lone surrogate, so
 * the round trip is exact for any file.
 */
const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
const ESCAPED = /[\uDC80-\uDCFF]/u

export function decodeLossless(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes)
  } catch {
    return decodeEscaping(bytes)
  }
}

export function encodeLossless(text: string): Buffer {
  if (!ESCAPED.test(text)) return Buffer.from(text, 'utf8')
  // with the u flag a well-formed surrogate pair is one code point and never matches
  const parts = text.split(/([\uDC80-\uDCFF])/u)
  return Buffer.concat(parts.map((part, i) => (i % 2 === 1 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8'))))
}

/** True when decoded text holds a byte that was not UTF-8. */
export function hasUndecodedBytes(text: string): boolean {
  return ESCAPED.test(text)
}

/** The length and smallest code point of the UTF-8 sequence a lead byte starts, or undefined. */
function sequence(lead: number): [number, number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80]
  if (lead >= 0xe0 && lead <= 0xef) return [3, 0x800]
  if (lead >= 0xf0 && lead <= 0xf4) return [4, 0x10000]
  return undefined
}

function decodeEscaping(bytes: Uint8Array): string {
  const out: string[] = []
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i]
    if (lead < 0x80) {
      out.push(String.fromCharCode(lead))
      i++
      continue
    }
    const seq = sequence(lead)
    let cp = -1
    let width = 1
    if (seq && i + seq[0] <= bytes.length) {
      width = seq[0]
      cp = lead & (0xff >> (seq[0] + 1))
      for (let k = 1; k < seq[0]; k++) {
        const b = bytes[i + k]
        if ((b & 0xc0) !== 0x80) {
          cp = -1
          break
        }
        cp = (cp << 6) | (b & 0x3f)
      }
      if (cp < seq[1] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) cp = -1
    }
    if (cp === -1) {
      out.push(String.fromCharCode(0xdc00 + lead))
      i++
    } else {
      out.push(String.fromCodePoint(cp))
      i += width
    }
  }
  return out.join('')
}
