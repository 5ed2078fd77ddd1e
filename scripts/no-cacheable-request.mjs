// Stands in for cacheable-request inside the bundle (scripts/bundle.mjs), as
// scripts/no-http2-wrapper.mjs does for http2-wrapper. got imports it for its `cache` option,
// which clokta never sets (src/io/http.ts); with keyv, http-cache-semantics and normalize-url it
// is a third of got's chunk, compiled by every login. Should a later change set `cache`, got's
// first request fails with this error instead of going out uncached.
export class CacheError extends Error {}

// got calls it with `new`
export default function CacheableRequest() {
  throw new Error('clokta is built without cacheable-request: got was asked for its cache (scripts/no-cacheable-request.mjs)')
}
