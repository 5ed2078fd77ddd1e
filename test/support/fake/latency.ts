// A distant Okta or STS for bench/latency.ts: every request is answered `ms` later, so the
// number of requests a login makes shows in its wall time. (Canned answers from
// scenario.inject come without it; the bench injects none.)
import type {Service} from './http.js'

export function withLatency(service: Service, ms: number): Service {
  if (ms <= 0) return service
  return {
    ...service,
    route(req) {
      const routed = service.route(req)
      return {...routed, handle: async () => (await new Promise((resolve) => setTimeout(resolve, ms)), routed.handle())}
    },
  }
}
