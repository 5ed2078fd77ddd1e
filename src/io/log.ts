/**
 * Everything human-readable goes to stderr so that stdout stays clean for data
 * (`clokta env`, credential_process). Every line passes through redact(): secrets are
 * registered as soon as they are known, so no later log call can leak them.
 */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  debug(message: string): void
  /** Register a value that must never be printed (password, tokens, keys, assertion). */
  secret(value: string | undefined): void
  readonly debugEnabled: boolean
}

const SECRET_QUERY_PARAMS = /([?&](?:sessionToken|onetimetoken|token|stateToken|SAMLResponse|SAMLAssertion|SigninToken|Session)=)[^&#\s]+/gi

const XML_ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'}

/**
 * A secret as a server may echo it back: as sent in a form or a query (percent-encoded,
 * `+` for spaces), inside JSON, or inside XML or HTML.
 */
function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({s: secret}).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]),
  ]
}

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(SECRET_QUERY_PARAMS, '$1****')
  for (const secret of secrets) {
    // Short values would turn ordinary words into stars; real secrets are long.
    if (secret.length < 4) continue
    for (const spelling of new Set(spellings(secret))) out = out.split(spelling).join('****')
  }
  return out
}

/**
 * quiet (-q): info lines are dropped; warnings, and debug lines when asked for, still go out.
 * `secrets`: where registered secrets are kept, when the caller must redact text that never
 * passes through the log (the command's last error line and its --debug stack).
 */
export function createLogger(options: {debug: boolean; quiet?: boolean; write?: (line: string) => void; secrets?: Set<string>}): Logger {
  const secrets = options.secrets ?? new Set<string>()
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'))
  const emit = (line: string) => write(redact(line, secrets))
  return {
    debugEnabled: options.debug,
    info: (message) => {
      if (!options.quiet) emit(message)
    },
    warn: (message) => emit(`Warning: ${message}`),
    debug: (message) => {
      if (options.debug) emit(`[debug] ${message}`)
    },
    secret: (value) => {
      if (value) secrets.add(value)
    },
  }
}
