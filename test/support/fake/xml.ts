// A minimal XML tree + serializer: enough to print SAML in Okta's compact form or pretty-printed.

export interface XmlNode {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text?: string
  /** Pretty mode puts this text on its own indented line, as formatted Okta assertions do. */
  textOnOwnLine?: boolean
}

export function el(name: string, attrs: Record<string, string>, ...content: (XmlNode | string)[]): XmlNode {
  const node: XmlNode = {name, attrs, children: []}
  for (const part of content) {
    if (typeof part === 'string') node.text = (node.text ?? '') + part
    else node.children.push(part)
  }
  return node
}

export const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const openTag = (node: XmlNode): string =>
  `<${node.name}${Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('')}`

function compact(node: XmlNode): string {
  const inner = node.children.map(compact).join('') + escapeXml(node.text ?? '')
  return inner ? `${openTag(node)}>${inner}</${node.name}>` : `${openTag(node)}/>`
}

function pretty(node: XmlNode, depth: number): string {
  const pad = '    '.repeat(depth)
  if (node.children.length > 0) {
    const inner = node.children.map((child) => pretty(child, depth + 1)).join('\n')
    return `${pad}${openTag(node)}>\n${inner}\n${pad}</${node.name}>`
  }
  if (node.text === undefined) return `${pad}${openTag(node)} />`
  const text = escapeXml(node.text)
  const body = node.textOnOwnLine ? `\n${pad}    ${text}` : text
  return `${pad}${openTag(node)}>${body}</${node.name}>`
}

export function renderDocument(root: XmlNode, asPretty: boolean): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>'
  return asPretty ? `${declaration}\n${pretty(root, 0)}\n` : declaration + compact(root)
}
