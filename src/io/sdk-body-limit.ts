/** What the AWS SDK's HTTP handler hands its deserializers: a Node stream for the body. */
export interface RawSdkResponse {
  statusCode?: number
  headers?: Record<string, string | undefined>
  body?: unknown
}

/**
 * Reads the body the SDK would read, up to `limitBytes`, and hands the SDK the same bytes:
 * the SDK still parses answers and errors itself. Past the limit the socket is closed at
 * once and `tooLarge()` is thrown, so a hostile or broken endpoint cannot fill memory.
 */
export async function boundSdkBody(response: RawSdkResponse, limitBytes: number, tooLarge: () => Error): Promise<void> {
  const {Readable} = await import('node:stream')
  const body = response.body
  if (!(body instanceof Readable)) return
  if (Number(response.headers?.['content-length']) > limitBytes) {
    body.destroy()
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > limitBytes) {
      body.destroy()
      throw tooLarge()
    }
    chunks.push(chunk as Buffer)
  }
  response.body = Readable.from([Buffer.concat(chunks)])
}
