// The requests a login makes through src/io/http.ts's client, run by bench/http-client.ts's
// children: the password POST, the app link with its one-time token (which sets the `sid`
// cookie), the app link again with only that cookie, and the spent token, which the test
// server redirects to the sign-in page. Without arguments it sends nothing: the cost of
// loading the bundle alone.
import type {HttpClient} from '../../src/io/http.js'

export async function drive(client: () => Promise<HttpClient>): Promise<void> {
  const [org, app] = process.argv.slice(2)
  if (!org || !app) return
  const http = await client()
  const authn = await http.send({method: 'POST', url: `${org}/api/v1/authn`, json: {username: 'jdoe@example.com', password: 'correct horse'}})
  const {sessionToken} = JSON.parse(authn.body) as {sessionToken: string}
  const withToken = await http.send({method: 'GET', url: `${app}?sessionToken=${sessionToken}`})
  const withCookie = await http.send({method: 'GET', url: app})
  const spent = await http.send({method: 'GET', url: `${app}?sessionToken=${sessionToken}`})
  const saml = [withToken, withCookie].every((r) => r.status === 200 && r.body.includes('SAMLResponse'))
  if (authn.status !== 200 || !saml || !spent.url.includes('/login/')) {
    console.error(
      'bench/http-client: unexpected answers',
      [authn, withToken, withCookie, spent].map((r) => `${r.status} ${r.url}`),
    )
    process.exit(1)
  }
}
