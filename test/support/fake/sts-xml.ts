// STS Query-protocol XML, laid out like the API reference samples (fx aws/sts-*.xml).
import {randomUUID} from 'node:crypto'
import type {Reply} from './http.js'
import {escapeXml} from './xml.js'

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

export interface StsFault {
  status: number
  code: string
  message: string
}

export const fault = (status: number, code: string, message: string): StsFault => ({status, code, message})

/** A nested element list: [name, text] leaves or [name, children] branches, printed in order. */
export type XmlItem = [string, string | XmlItem[]]

function render(items: XmlItem[], depth: number, step: string): string {
  return items
    .map(([name, value]) => {
      const pad = step.repeat(depth)
      if (typeof value === 'string') return `${pad}<${name}>${escapeXml(value)}</${name}>`
      return `${pad}<${name}>\n${render(value, depth + 1, step)}\n${pad}</${name}>`
    })
    .join('\n')
}

function xmlReply(status: number, requestId: string, body: string): Reply {
  return {status, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body}
}

/** `<{Op}Response xmlns=…><{Op}Result>…</{Op}Result><ResponseMetadata>…` */
export function stsResult(operation: string, result: XmlItem[], indent = '  '): Reply {
  const requestId = randomUUID()
  const inner = render(
    [
      [`${operation}Result`, result],
      ['ResponseMetadata', [['RequestId', requestId]]],
    ],
    1,
    indent,
  )
  return xmlReply(200, requestId, `<${operation}Response xmlns="${STS_NS}">\n${inner}\n</${operation}Response>\n`)
}

export function stsError(f: StsFault): Reply {
  const requestId = randomUUID()
  const type = f.status >= 500 ? 'Receiver' : 'Sender'
  const inner = render(
    [
      [
        'Error',
        [
          ['Type', type],
          ['Code', f.code],
          ['Message', f.message],
        ],
      ],
      ['RequestId', requestId],
    ],
    1,
    '  ',
  )
  return xmlReply(f.status, requestId, `<ErrorResponse xmlns="${STS_NS}">\n${inner}\n</ErrorResponse>\n`)
}
