/**
 * Reads the auto-submitting HTML form an identity provider answers an app link with
 * (SAML HTTP-POST binding). Okta HTML-escapes attribute values (`https&#x3a;&#x2f;&#x2f;`),
 * so every attribute is entity-decoded before use.
 */
export interface SamlPostForm {
  action?: string
  samlResponse?: string
  relayState?: string
}

const NAMED: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[entity.toLowerCase()] ?? whole
  })
}

function attributes(tag: string): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {}
  for (const m of tag.matchAll(/([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    // One of the three value groups took part in the match; the others are undefined.
    out[m[1].toLowerCase()] = decodeHtmlEntities(m.at(3) ?? m.at(4) ?? m.at(5) ?? '')
  }
  return out
}

/** Some apps URL-encode the value; standard base64 never contains '%'. */
function urlDecoded(value: string): string {
  if (!/%[0-9a-f]{2}/i.test(value)) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function parseSamlPostForm(html: string): SamlPostForm {
  const form: SamlPostForm = {}
  const formTag = /<form\b[^>]*>/i.exec(html)
  if (formTag) form.action = attributes(formTag[0]).action
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const attrs = attributes(tag)
    const value = attrs.value ?? ''
    if (attrs.name === 'SAMLResponse') form.samlResponse = urlDecoded(value).replace(/\s+/g, '')
    if (attrs.name === 'RelayState') form.relayState = value
  }
  return form
}
