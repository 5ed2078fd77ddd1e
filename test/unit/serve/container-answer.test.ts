import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {systemClock} from '../../../src/io/clock.js'
import {containerAnswer, isLoopback, type ContainerRequest} from '../../../src/serve/container-answer.js'
import {startCredentialServer} from '../../../src/serve/credential-server.js'
import type {Held} from '../../../src/serve/refreshing-credentials.js'

const TOKEN = 'tok-0123456789abcdef'
const CREDS = {accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session', expiration: new Date('2026-12-05T09:00:00.000Z')}
const valid = (): Held => ({credentials: CREDS})
const ask = (req: Partial<ContainerRequest>, held: () => Held = valid) =>
  containerAnswer({method: 'GET', url: '/credentials', authorization: TOKEN, remoteAddress: '127.0.0.1', ...req}, TOKEN, held)
const body = (r: {body: string}) => JSON.parse(r.body) as Record<string, string>

test('a GET with the token gets the container credentials format, not to be cached', () => {
  const r = ask({})
  assert.is(r.status, 200)
  assert.equal(body(r), {AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', Token: 'session', Expiration: '2026-12-05T09:00:00Z'})
  assert.is(r.headers['content-type'], 'application/json')
  assert.is(r.headers['cache-control'], 'no-store')
})

test('no token, a wrong one, one a character short or long: 401 and no credentials', () => {
  for (const authorization of [undefined, '', 'wrong', TOKEN.slice(0, -1), TOKEN + 'x', `Bearer ${TOKEN}`]) {
    const r = ask({authorization})
    assert.is(r.status, 401, String(authorization))
    assert.not.match(r.body, /ASIA|secret/)
    assert.is(body(r).Code, 'Unauthorized')
  }
})

test('any peer but this machine: 403, before the token is even looked at', () => {
  for (const remoteAddress of ['10.0.0.2', '192.168.1.20', '::ffff:172.17.0.2', 'fe80::1', '2001:db8::1', undefined]) {
    assert.is(ask({remoteAddress}).status, 403, String(remoteAddress))
    assert.is(ask({remoteAddress, authorization: undefined}).status, 403)
  }
  for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) assert.ok(isLoopback(address), address)
})

test('only GET on its path: other paths 404, other methods 405 (after the token, so a stranger learns neither)', () => {
  assert.is(ask({url: '/'}).status, 404)
  assert.is(ask({url: '/role-arn/x'}).status, 404)
  assert.is(ask({url: '/credentials?x=1'}).status, 200)
  const post = ask({method: 'POST'})
  assert.is(post.status, 405)
  assert.is(post.headers.allow, 'GET')
  assert.is(ask({method: 'PUT', authorization: 'no'}).status, 401)
  assert.is(ask({url: '/', authorization: undefined}).status, 401)
})

test('no credentials worth handing out: 503 with the reason as JSON', () => {
  const r = ask({}, () => ({unavailable: 'The credentials of profile website expired at 2026-12-05T09:00:00Z; run clokta -p website in a terminal.'}))
  assert.is(r.status, 503)
  assert.equal(body(r), {
    Code: 'CredentialsUnavailable',
    Message: 'The credentials of profile website expired at 2026-12-05T09:00:00Z; run clokta -p website in a terminal.',
  })
})

test('the server listens on 127.0.0.1 at a random port with a random token of its own, and closes with clients still connected', async () => {
  const options = {
    profile: 'website',
    initial: {...CREDS, expiration: new Date(Date.now() + 3600_000)},
    source: async () => CREDS,
    clock: systemClock,
    say: () => {},
  }
  const [a, b] = await Promise.all([startCredentialServer(options), startCredentialServer(options)])
  try {
    assert.match(a.url, /^http:\/\/127\.0\.0\.1:\d+\/credentials$/)
    assert.is.not(a.url, b.url)
    assert.is.not(a.token, b.token)
    assert.ok(a.token.length >= 40)
    assert.is((await fetch(a.url)).status, 401)
    assert.is((await fetch(a.url, {headers: {authorization: b.token}})).status, 401)
    const ok = await fetch(a.url, {headers: {authorization: a.token}})
    assert.is(ok.status, 200)
    assert.is(((await ok.json()) as Record<string, string>).AccessKeyId, 'ASIAEXAMPLE')
  } finally {
    await Promise.all([a.close(), b.close()])
  }
})

test.run()
