import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {systemClock} from '../../../src/io/clock.js'
import {createHttpClient} from '../../../src/io/http.js'
import {createLogger} from '../../../src/io/log.js'
import {loadProxies, namesAProxy} from '../../../src/io/proxy.js'
import {createStsApi} from '../../../src/sts/sts-client.js'
import {startFakeServices, type FakeServices} from '../../support/fake/index.js'
import {startProxy, type TestProxy} from '../../support/proxy.js'

const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY', 'AWS_ENDPOINT_URL_STS'].flatMap((n) => [n, n.toLowerCase()])
const tls = (name: string) => ({
  key: readFileSync(new URL(`../../fixtures/tls/${name}.key`, import.meta.url), 'utf8'),
  cert: readFileSync(new URL(`../../fixtures/tls/${name}.pem`, import.meta.url), 'utf8'),
})

/** getProxyForUrl reads process.env: each test sets what it needs and gets the rest back. */
async function withEnv(vars: Record<string, string>, body: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(PROXY_VARS.map((n) => [n, process.env[n]]))
  for (const n of PROXY_VARS) delete process.env[n]
  Object.assign(process.env, vars)
  try {
    await body()
  } finally {
    for (const [n, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[n]
      else process.env[n] = v
    }
  }
}

async function withWorld(
  body: (fake: FakeServices, proxy: TestProxy, lines: string[]) => Promise<void>,
  options: {credentials?: string; https?: boolean} = {},
) {
  const fake = await startFakeServices(undefined, options.https ? {tls: tls('localhost')} : {})
  const proxy = await startProxy({credentials: options.credentials})
  try {
    await body(fake, proxy, [])
  } finally {
    await Promise.all([fake.close(), proxy.close()])
  }
}

function client(lines: string[] = []) {
  return createHttpClient({log: createLogger({debug: true, write: (l) => lines.push(l)}), userAgent: 'test', clock: systemClock})
}

async function failure(promise: Promise<unknown>): Promise<CloktaError> {
  try {
    await promise
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('expected a failure')
}

const authn = (fake: FakeServices) => ({method: 'POST' as const, url: `${fake.oktaUrl}/api/v1/authn`, json: {username: 'u', password: 'p'}})
const hostOf = (url: string) => new URL(url).host

test('HTTP_PROXY or http_proxy: Okta requests to loopback go through the proxy, as curl does', async () => {
  for (const name of ['HTTP_PROXY', 'http_proxy']) {
    await withWorld(async (fake, proxy) => {
      await withEnv({[name]: proxy.url}, async () => {
        const r = await (await client()).send(authn(fake))
        assert.is(r.status, 401)
        assert.equal(proxy.tunnels, [hostOf(fake.oktaUrl)], name)
      })
    })
  }
})

test('plain http to loopback is refused through a proxy elsewhere, where it would cross the network; a loopback proxy is fine', async () => {
  await withWorld(async (fake) => {
    await withEnv({HTTP_PROXY: 'http://proxy.corp.invalid:3128'}, async () => {
      const error = await failure((await client()).send(authn(fake)))
      assert.is(
        error.message,
        `Refusing to connect to ${fake.oktaUrl} through the proxy http://proxy.corp.invalid:3128: plain http would cross the network to it.`,
      )
      assert.is(error.hint, 'Add 127.0.0.1 to NO_PROXY to connect directly, or use https://.')
    })
    await withEnv({HTTP_PROXY: 'http://proxy.corp.invalid:3128', AWS_ENDPOINT_URL_STS: fake.stsUrl}, async () => {
      const sts = createStsApi('us-east-1', 'test', createLogger({debug: false, write: () => {}}))
      const input = {
        roleArn: 'arn:aws:iam::1:role/R',
        principalArn: 'arn:aws:iam::1:saml-provider/O',
        samlAssertion: 'PHNhbWw+',
        durationSeconds: 900,
      }
      assert.match(
        (await failure(sts.assumeRoleWithSaml(input))).message,
        /^Refusing to send an assertion, token or signed request to the STS endpoint http:\/\/127\.0\.0\.1:\d+ through the proxy/,
      )
      assert.is(fake.count({}), 0)
    })
  })
})

test('NO_PROXY naming the host (any case, with or without its port) connects directly; another port does not', async () => {
  await withWorld(async (fake, proxy) => {
    const port = new URL(fake.oktaUrl).port
    for (const [name, value, proxied] of [
      ['NO_PROXY', '127.0.0.1', false],
      ['no_proxy', `example.com,127.0.0.1:${port}`, false],
      ['NO_PROXY', '127.0.0.1:1', true],
    ] as const) {
      proxy.tunnels.length = 0
      await withEnv({HTTP_PROXY: proxy.url, [name]: value}, async () => {
        assert.is((await (await client()).send(authn(fake))).status, 401)
        assert.is(proxy.tunnels.length, proxied ? 1 : 0, `${name}=${value}`)
      })
    }
  })
})

test('a redirect is routed for the host it goes to: NO_PROXY lists Okta, the redirect target is proxied', async () => {
  await withWorld(async (fake, proxy) => {
    await withEnv({HTTP_PROXY: proxy.url, NO_PROXY: hostOf(fake.oktaUrl)}, async () => {
      fake.scenario.inject.app = [{status: 302, headers: {location: `${fake.stsUrl}?Action=GetCallerIdentity`}, body: ''}]
      const r = await (await client()).send({method: 'GET', url: fake.appUrl})
      assert.is(new URL(r.url).host, hostOf(fake.stsUrl))
      assert.equal(proxy.tunnels, [hostOf(fake.stsUrl)])
      assert.is(fake.count({service: 'sts'}), 1)
    })
  })
})

test('a proxy that is down: one line naming it, after the retries a refused connection gets', async () => {
  await withWorld(async (fake) => {
    await withEnv({HTTP_PROXY: 'http://127.0.0.1:1'}, async () => {
      const slept: number[] = []
      const http = await createHttpClient({
        log: createLogger({debug: false, write: () => {}}),
        userAgent: 't',
        clock: {now: () => 0, sleep: async (ms) => void slept.push(ms)},
      })
      const error = await failure(http.send(authn(fake)))
      assert.is(
        error.message,
        `Cannot reach ${hostOf(fake.oktaUrl)} through the proxy http://127.0.0.1:1: the connection was refused (ECONNREFUSED).`,
      )
      assert.match(error.hint ?? '', /NO_PROXY/)
      assert.equal(slept, [1000, 2000])
      assert.is(fake.count({}), 0)
    })
  })
})

test('a proxy asking for credentials: user:password from the URL are sent; a 407 is one line naming the proxy, without the password', async () => {
  await withWorld(
    async (fake, proxy) => {
      const withCredentials = proxy.url.replace('://', '://jdoe:s3cr%40t@')
      await withEnv({HTTP_PROXY: withCredentials}, async () => {
        assert.is((await (await client()).send(authn(fake))).status, 401)
      })
      await withEnv({HTTP_PROXY: proxy.url.replace('://', '://jdoe:wrong-pass@')}, async () => {
        const lines: string[] = []
        const error = await failure((await client(lines)).send(authn(fake)))
        assert.is(
          error.message,
          `Cannot reach ${hostOf(fake.oktaUrl)} through the proxy ${proxy.url}: it answered 407 to CONNECT ${hostOf(fake.oktaUrl)}.`,
        )
        assert.match(error.hint ?? '', /HTTPS_PROXY/)
        assert.not.ok(lines.join('\n').includes('wrong-pass'))
      })
    },
    {credentials: 'jdoe:s3cr@t'},
  )
})

test('STS through the proxy too (HTTPS_PROXY for an https endpoint, end-to-end TLS through the tunnel); a refused tunnel is one line', async () => {
  await withWorld(
    async (fake, proxy) => {
      const input = {
        roleArn: 'arn:aws:iam::123456789012:role/R',
        principalArn: 'arn:aws:iam::123456789012:saml-provider/O',
        samlAssertion: 'PHNhbWw+',
        durationSeconds: 900,
      }
      await withEnv({https_proxy: proxy.url.replace('://', '://jdoe:pw@'), AWS_ENDPOINT_URL_STS: fake.stsUrl}, async () => {
        const log = createLogger({debug: false, write: () => {}})
        // the test CA is not trusted in this process: the tunnel is made, then TLS refuses the certificate
        const error = await failure(createStsApi('us-east-1', 'test', log).assumeRoleWithSaml(input))
        assert.is(proxy.tunnels.at(-1), hostOf(fake.stsUrl))
        assert.is(
          error.message,
          `Cannot reach AWS STS at ${hostOf(fake.stsUrl)}: its TLS certificate is signed by an authority this computer does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
        )
        assert.match(error.hint ?? '', /NODE_EXTRA_CA_CERTS/)
      })
      await withEnv({HTTPS_PROXY: proxy.url.replace('://', '://jdoe:nope@'), AWS_ENDPOINT_URL_STS: fake.stsUrl}, async () => {
        const error = await failure(createStsApi('us-east-1', 'test', createLogger({debug: false, write: () => {}})).assumeRoleWithSaml(input))
        assert.is(
          error.message,
          `Cannot reach AWS STS at ${hostOf(fake.stsUrl)} through the proxy ${proxy.url}: it answered 407 to CONNECT ${hostOf(fake.stsUrl)}.`,
        )
      })
    },
    {credentials: 'jdoe:pw', https: true},
  )
})

test('Okta with a certificate from an unknown CA: one line naming the host, with what to do', async () => {
  await withWorld(
    async (fake) => {
      await withEnv({}, async () => {
        const error = await failure((await client()).send(authn(fake)))
        assert.is(
          error.message,
          `Cannot reach ${hostOf(fake.oktaUrl)}: its TLS certificate is signed by an authority this computer does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
        )
        assert.is(
          error.hint,
          "If your network inspects TLS (a corporate proxy), set NODE_EXTRA_CA_CERTS to a PEM file holding your company's root CA certificate.",
        )
      })
    },
    {https: true},
  )
})

test('a proxy variable in any of the forms proxy-from-env reads makes clokta load the proxies; none, or only empty ones, routes every URL direct', async () => {
  for (const name of [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'ALL_PROXY',
    'all_proxy',
    'npm_config_https_proxy',
    'npm_config_proxy',
    'Https_Proxy',
  ])
    assert.ok(namesAProxy({PATH: '/bin', [name]: 'http://proxy.example:3128'}), name)
  for (const env of [{}, {PATH: '/bin', PROXY_USER: 'jdoe'}, {HTTPS_PROXY: ''}, {NO_PROXY: '*'}, {no_proxy: 'localhost'}, {proxy: 'http://p:1'}])
    assert.not.ok(namesAProxy(env), JSON.stringify(env))
  const log = createLogger({debug: false, write: () => {}})
  assert.is((await loadProxies(log, {PATH: '/bin'})).routeFor(new URL('https://acme.okta.com/')), undefined)
  await withEnv({HTTPS_PROXY: 'http://jdoe:pw@proxy.example:3128'}, async () => {
    assert.is((await loadProxies(log)).routeFor(new URL('https://acme.okta.com/'))?.shown, 'http://proxy.example:3128')
  })
})

test.run()
