/**
 * A TLS failure told as the user can act on it: whose certificate, what is wrong with it,
 * and what to do. Node gives OpenSSL's codes (on the error or, through got, its cause).
 */
export interface TlsProblem {
  reason: string
  hint: string
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
])

interface TlsErrorFields {
  code?: unknown
  cert?: {subjectaltname?: unknown}
  cause?: unknown
}

/** The innermost error with a certificate code: got copies the code onto its wrapper but not the certificate. */
function tlsFields(error: unknown): TlsErrorFields | undefined {
  let found: TlsErrorFields | undefined
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as TlsErrorFields).cause, depth++) {
    const code = (e as TlsErrorFields).code
    if (typeof code === 'string' && (UNTRUSTED.has(code) || code.startsWith('CERT_') || code === 'ERR_TLS_CERT_ALTNAME_INVALID')) found = e
  }
  return found
}

export function describeTlsError(error: unknown, host: string): TlsProblem | undefined {
  const e = tlsFields(error)
  if (!e) return undefined
  const code = e.code as string
  if (UNTRUSTED.has(code)) {
    return {
      reason: `its TLS certificate is signed by an authority this computer does not trust (${code})`,
      hint: "If your network inspects TLS (a corporate proxy), set NODE_EXTRA_CA_CERTS to a PEM file holding your company's root CA certificate.",
    }
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      reason: `its TLS certificate ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'} (${code})`,
      hint: "Check this computer's date and time; if they are right, the server's certificate must be renewed by whoever runs it.",
    }
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = typeof e.cert?.subjectaltname === 'string' ? e.cert.subjectaltname : 'another host'
    return {
      reason: `its TLS certificate is for ${names}, not ${host} (${code})`,
      hint: 'Check the URL (okta_aws_app_url, AWS_ENDPOINT_URL_STS); if it is right, something between you and it answers with its own certificate.',
    }
  }
  return {
    reason: `its TLS certificate was refused (${code})`,
    hint: 'If your network inspects TLS (a corporate proxy), set NODE_EXTRA_CA_CERTS to a PEM file holding its CA certificate.',
  }
}
