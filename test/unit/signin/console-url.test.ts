import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {browserLauncher} from '../../../src/io/open-browser.js'
import {consoleDestination, federationUrl, loginUrl, partitionOf, signinTokenUrl} from '../../../src/signin/console-url.js'
import {consoleSessionSeconds} from '../../../src/signin/session-duration.js'
import {federationErrorReason} from '../../../src/signin/signin-token.js'

const throwsLine = (fn: () => unknown, pattern: RegExp) => {
  try {
    fn()
  } catch (error) {
    assert.match((error as Error).message, pattern)
    assert.not.match((error as Error).message, /\n/)
    return
  }
  assert.unreachable(`expected an error matching ${pattern}`)
}

const AWS = partitionOf('arn:aws:iam::111111111111:role/ReadOnly')
const GOV = partitionOf('arn:aws-us-gov:iam::111111111111:role/ReadOnly')
const CN = partitionOf('arn:aws-cn:iam::111111111111:role/ReadOnly')

test('the partition comes from the role ARN: its sign-in and console hosts', () => {
  assert.equal([AWS.signin, AWS.console], ['signin.aws.amazon.com', 'console.aws.amazon.com'])
  assert.equal([GOV.signin, GOV.console], ['signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com'])
  assert.equal([CN.signin, CN.console], ['signin.amazonaws.cn', 'console.amazonaws.cn'])
  throwsLine(() => partitionOf('arn:aws-iso:iam::111111111111:role/x'), /partition aws-iso, which clokta does not serve/)
})

test("the federation endpoint: the partition's, or AWS_ENDPOINT_URL_SIGNIN's base (https, http only on loopback)", () => {
  assert.is(federationUrl(GOV, {}).href, 'https://signin.amazonaws-us-gov.com/federation')
  assert.is(federationUrl(CN, {}).href, 'https://signin.amazonaws.cn/federation')
  assert.is(federationUrl(AWS, {AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4567'}).href, 'http://127.0.0.1:4567/federation')
  assert.is(federationUrl(AWS, {AWS_ENDPOINT_URL_SIGNIN: 'https://signin.example.com/base/'}).href, 'https://signin.example.com/base/federation')
  assert.is(
    federationUrl(AWS, {AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4567', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}).href,
    'https://signin.aws.amazon.com/federation',
  )
  throwsLine(() => federationUrl(AWS, {AWS_ENDPOINT_URL_SIGNIN: 'http://signin.example.com'}), /Refusing the sign-in endpoint.*only https/)
  throwsLine(() => federationUrl(AWS, {AWS_ENDPOINT_URL_SIGNIN: 'not a url'}), /AWS_ENDPOINT_URL_SIGNIN is "not a url", which is not a URL/)
})

test("the destination: the region's console home, else the partition's console; a region of another partition is not used", () => {
  assert.is(consoleDestination(AWS, 'eu-west-1'), 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1')
  assert.is(consoleDestination(AWS, undefined), 'https://console.aws.amazon.com/')
  assert.is(consoleDestination(GOV, 'us-gov-west-1'), 'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1')
  assert.is(consoleDestination(CN, 'cn-north-1'), 'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1')
  assert.is(consoleDestination(GOV, 'us-east-1'), 'https://console.amazonaws-us-gov.com/')
  assert.is(consoleDestination(AWS, 'cn-north-1'), 'https://console.aws.amazon.com/')
})

test('--destination: a path lands on the regional console with ?region= (unless it names one); a console URL of the partition as it is', () => {
  assert.is(consoleDestination(AWS, 'eu-west-1', 's3/home'), 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1')
  assert.is(
    consoleDestination(AWS, 'eu-west-1', '/ec2/home#Instances:sort=desc'),
    'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:sort=desc',
  )
  assert.is(consoleDestination(AWS, 'eu-west-1', 'ec2/home?region=us-west-2'), 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=us-west-2')
  assert.is(consoleDestination(AWS, undefined, 'iam/home'), 'https://console.aws.amazon.com/iam/home')
  assert.is(consoleDestination(AWS, 'eu-west-1', 'https://console.aws.amazon.com/billing/home'), 'https://console.aws.amazon.com/billing/home')
  assert.is(
    consoleDestination(GOV, undefined, 'https://us-gov-east-1.console.amazonaws-us-gov.com/s3'),
    'https://us-gov-east-1.console.amazonaws-us-gov.com/s3',
  )
  throwsLine(
    () => consoleDestination(AWS, undefined, 'https://evil.example.com/'),
    /--destination https:\/\/evil.example.com\/ is not a page of the AWS console/,
  )
  throwsLine(() => consoleDestination(AWS, undefined, 'http://console.aws.amazon.com/'), /is not a page of the AWS console/)
  throwsLine(
    () => consoleDestination(GOV, undefined, 'https://console.aws.amazon.com/'),
    /is not a page of the AWS console \(https:\/\/…amazonaws-us-gov.com\)/,
  )
})

test('getSigninToken carries the credentials as the Session JSON, escaped, and SessionDuration only when asked for', () => {
  const credentials = {accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'a+b/c=d&e "f"', sessionToken: 'IQo//+==&x'}
  const federation = new URL('https://signin.aws.amazon.com/federation')
  const url = new URL(signinTokenUrl(federation, credentials, 3600))
  assert.is(url.origin + url.pathname, 'https://signin.aws.amazon.com/federation')
  assert.is(url.searchParams.get('Action'), 'getSigninToken')
  assert.is(url.searchParams.get('SessionDuration'), '3600')
  assert.equal(JSON.parse(url.searchParams.get('Session')!), {sessionId: 'ASIAEXAMPLE', sessionKey: 'a+b/c=d&e "f"', sessionToken: 'IQo//+==&x'})
  assert.not.match(url.search, /[+/"& ]b|c=d&/)
  assert.is(new URL(signinTokenUrl(federation, credentials)).searchParams.has('SessionDuration'), false)
})

test('the login URL: Action=login, Issuer, the Destination and the SigninToken, each escaped', () => {
  const destination = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:a=b&c'
  const url = new URL(loginUrl(new URL('https://signin.amazonaws.cn/federation'), 'tok+en/=&x', destination))
  assert.is(url.origin + url.pathname, 'https://signin.amazonaws.cn/federation')
  assert.equal(Object.fromEntries(url.searchParams), {Action: 'login', Issuer: 'clokta', Destination: destination, SigninToken: 'tok+en/=&x'})
  assert.is(url.hash, '')
})

test('--duration: 15m to 12h, sent as seconds; refused for chained credentials, which AWS refuses it for', () => {
  const saml = {profile: 'website', chained: false}
  assert.is(consoleSessionSeconds(undefined, saml), undefined)
  assert.is(consoleSessionSeconds(undefined, {profile: 'x', chained: true}), undefined)
  assert.is(consoleSessionSeconds('4h', saml), 14_400)
  assert.is(consoleSessionSeconds('900', saml), 900)
  assert.is(consoleSessionSeconds('12h', saml), 43_200)
  throwsLine(() => consoleSessionSeconds('10m', saml), /--duration 10m is 10m: a console session lasts 15m to 12h/)
  throwsLine(() => consoleSessionSeconds('13h', saml), /a console session lasts 15m to 12h/)
  throwsLine(() => consoleSessionSeconds('soon', saml), /--duration is "soon", which is not a duration/)
  throwsLine(() => consoleSessionSeconds('1h', {profile: 'myservice', chained: true}), /--duration cannot be used with myservice: it is chained/)
})

test("the federation endpoint's refusals in one short line: its HTML error page, or plain text", () => {
  const tomcat =
    '<html><head><title>Apache Tomcat/7.0.34 - Error report</title></head><body><h1>HTTP Status 400 - Invalid credentials parameter</h1>' +
    '<p><b>type</b> Status report</p><p><b>message</b> <u>Invalid credentials parameter</u></p><p><b>description</b> <u>The request sent by the client was syntactically incorrect.</u></p></body></html>'
  assert.is(federationErrorReason(tomcat), 'Invalid credentials parameter')
  assert.is(federationErrorReason('<html><body><h1>HTTP Status 400 - Bad argument</h1></body></html>'), 'Bad argument')
  assert.is(federationErrorReason('<html><head><title>Service Unavailable</title></head><body></body></html>'), 'Service Unavailable')
  assert.is(federationErrorReason('Token expired\nmore'), 'Token expired')
  assert.is(federationErrorReason(''), undefined)
  assert.is(federationErrorReason('x'.repeat(500))!.length, 160)
})

test('the browser: open on macOS, url.dll on Windows, xdg-open where there is a display, none without one', () => {
  const url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x'
  assert.equal(browserLauncher(url, 'darwin', {}), {command: 'open', args: [url]})
  assert.equal(browserLauncher(url, 'win32', {}), {command: 'rundll32', args: ['url.dll,FileProtocolHandler', url]})
  assert.equal(browserLauncher(url, 'linux', {DISPLAY: ':0'}), {command: 'xdg-open', args: [url]})
  assert.equal(browserLauncher(url, 'freebsd', {WAYLAND_DISPLAY: 'wayland-0'}), {command: 'xdg-open', args: [url]})
  assert.equal(browserLauncher(url, 'linux', {}), {cannot: 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)'})
})

test.run()
