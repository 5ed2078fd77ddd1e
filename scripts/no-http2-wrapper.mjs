// Stands in for http2-wrapper inside the bundle (scripts/bundle.mjs). got imports it for its
// `http2: true` option, which clokta never sets (src/io/http.ts), and loading it is not free:
// its top level loads node:http2 and creates a TLS socket, whose secure context parses Node's
// root certificates (~40 ms of a login against a plain-http test server, where nothing else
// needs them). Should a later change set `http2`, got's first request fails with this error
// instead of going out another way.
const unused = () => {
  throw new Error('clokta is built without http2-wrapper: got was asked for HTTP/2 (scripts/no-http2-wrapper.mjs)')
}

export default {
  get auto() {
    return unused()
  },
  get globalAgent() {
    return unused()
  },
}
