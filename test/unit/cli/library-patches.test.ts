import {mkdtempSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {build, type Plugin} from 'esbuild'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

// scripts/library-patches.mjs and the stand-ins scripts/bundle.mjs puts in place of the parts of
// got and fast-xml-parser that clokta never uses (issue 16): each patched library must do what
// the original does, and each stand-in must fail loudly if it is ever reached.
interface LibraryPatches {
  libraryPatches: {file: string; from: string; to: string}[]
  libraryPatchesPlugin: (applied: Map<object, number>) => Plugin
}
const patchesModule: string = '../../../scripts/library-patches.mjs'
const {libraryPatches, libraryPatchesPlugin} = (await import(patchesModule)) as LibraryPatches
const root = new URL('../../..', import.meta.url).pathname
const require = createRequire(import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'clokta-library-patches-'))

/**
 * `source` bundled as scripts/bundle.mjs bundles the commands (the same patches, and the
 * stand-ins given), then imported; fails unless `patched` (a library-patches file) was patched.
 */
async function bundled<T>(name: string, source: string, patched?: string, alias: Record<string, string> = {}): Promise<T> {
  const applied = new Map<object, number>()
  const out = join(dir, `${name}.mjs`)
  await build({
    stdin: {contents: source, resolveDir: root, loader: 'js'},
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile: out,
    logLevel: 'silent',
    banner: {js: "import {createRequire as __cloktaRequire} from 'node:module'; const require = __cloktaRequire(import.meta.url);"},
    alias,
    plugins: [libraryPatchesPlugin(applied)],
  })
  if (patched) assert.is(applied.get(libraryPatches.find((p) => p.file === patched)!), 1, `${patched} patched`)
  return (await import(pathToFileURL(out).href)) as T
}

type Is = typeof import('@sindresorhus/is')
type ToughCookie = typeof import('tough-cookie')

test.after(() => rmSync(dir, {recursive: true, force: true}))

test("@sindresorhus/is with the build's patch words a wrong type exactly as the original does", async () => {
  const patched = await bundled<Is>(
    'is',
    "export * from '@sindresorhus/is'; export {default} from '@sindresorhus/is'",
    '@sindresorhus/is/distribution/index.js',
  )
  const original = (await import('@sindresorhus/is')) as Is
  assert.not.equal(patched.assert, original.assert)
  const cases: [(keyof Is['default'])[], unknown[]][] = [
    [['string'], [1]],
    [['string', 'number'], [{}]],
    [
      ['string', 'number', 'boolean'],
      [[], null],
    ],
    [['urlInstance'], [new Map(), 1, 'x']],
  ]
  for (const [names, values] of cases) {
    const message = (is: Is) => {
      try {
        is.assert.any(
          names.map((name) => is.default[name] as (value: unknown) => boolean),
          ...values,
        )
      } catch (error) {
        return (error as Error).message
      }
      return 'no error'
    }
    assert.match(message(original), /^Expected values which are/)
    assert.is(message(patched), message(original))
  }
})

test("tough-cookie with the build's patch tells IPv6 addresses from host names as the original does", async () => {
  const patched = await bundled<ToughCookie>('tough-cookie', "export * from 'tough-cookie'", 'tough-cookie/dist/index.js')
  const original = require('tough-cookie') as ToughCookie
  const hosts = [
    'example.com',
    'EXAMPLE.com',
    '.okta.com',
    'localhost',
    '127.0.0.1',
    '::1',
    '[::1]',
    'fe80::1',
    '2001:db8::8a2e:370:7334',
    '[2001:DB8::1]',
    'a:b',
    'co.uk',
    '',
  ]
  for (const host of hosts) {
    assert.is(patched.canonicalDomain(host), original.canonicalDomain(host), `canonicalDomain ${host}`)
    for (const other of hosts) assert.is(patched.domainMatch(host, other), original.domainMatch(host, other), `domainMatch ${host} ${other}`)
  }
  for (const url of ['http://[::1]:8080/app', 'https://acme.okta.com/app/x', 'http://127.0.0.1:9000/']) {
    const jars = [new patched.CookieJar(), new original.CookieJar()]
    const cookies = await Promise.all(
      jars.map(async (jar) => {
        for (const cookie of ['sid=1; Path=/', 'dt=2; Path=/app; HttpOnly', 'bad=3; Domain=com', 'other=4; Domain=example.org'])
          await jar.setCookie(cookie, url, {ignoreError: true})
        return jar.getCookieString(url)
      }),
    )
    assert.is(cookies[0], cookies[1], url)
  }
})

test('the stand-ins for the parts of got clokta never uses fail with a line naming themselves, and got works without them', async () => {
  type Got = typeof import('got')
  const {default: got} = await bundled<Got>('got', "export {default} from 'got'", undefined, {
    'http2-wrapper': './scripts/no-http2-wrapper.mjs',
    'cacheable-request': './scripts/no-cacheable-request.mjs',
    'cacheable-lookup': './scripts/no-cacheable-lookup.mjs',
  })
  const {createServer} = await import('node:http')
  const server = createServer((_, response) => response.end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  try {
    assert.is(await got(`http://127.0.0.1:${port}/`).text(), 'ok')
    const refusal = (options: object, scheme = 'http') =>
      got(`${scheme}://127.0.0.1:${port}/`, {...options, retry: {limit: 0}}).then(
        () => 'no error',
        (error: Error) => error.message,
      )
    assert.match(await refusal({cache: new Map()}), /built without cacheable-request/)
    assert.match(await refusal({dnsCache: true}), /built without cacheable-lookup/)
    assert.match(await refusal({http2: true}, 'https'), /built without http2-wrapper/)
  } finally {
    server.close()
  }
})

test("fast-xml-parser's stand-in is the package's own XMLParser, without its builder", async () => {
  const {XMLParser} = await bundled<{XMLParser: unknown}>('fxp', "export {XMLParser} from 'fast-xml-parser'", undefined, {
    'fast-xml-parser': './scripts/xml-parser-only.mjs',
  })
  const parser = new (XMLParser as new () => {parse(xml: string): unknown})()
  assert.equal(parser.parse('<a><b>1</b></a>'), {a: {b: 1}})
  const viaStandIn = (await import(pathToFileURL(join(root, 'scripts/xml-parser-only.mjs')).href)) as {XMLParser: unknown}
  assert.is(viaStandIn.XMLParser, (await import('fast-xml-parser')).XMLParser)
})

test.run()
