// Stands in for cacheable-lookup inside the bundle (scripts/bundle.mjs), as
// scripts/no-http2-wrapper.mjs does for http2-wrapper. got imports it for its `dnsCache` option,
// which clokta never sets (src/io/http.ts); lookups go through node's dns.lookup, as they do
// when the option is unset. Should a later change set it, the request fails with this error.
// got calls it with `new`
export default function CacheableLookup() {
  throw new Error('clokta is built without cacheable-lookup: got was asked for its DNS cache (scripts/no-cacheable-lookup.mjs)')
}
