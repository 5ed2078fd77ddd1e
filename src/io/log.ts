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

const SECRET_QUERY_PARAMS = /([?&](?:sessionToken|onetimetoken|token|stateToken|SAMLResponse|SAMLAssertion)=)[^&#\s]+/gi

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(SECRET_QUERY_PARAMS, '$1****')
  for (const secret of secrets) {
    // Short values would turn ordinary words into stars; real secrets are long.
    if (secret.length >= 4) out = out.split(secret).join('****')
  }
  return out
}

/** quiet (-q): info lines are dropped; warnings, and debug lines when asked for, still go out. */
export function createLogger(options: {debug: boolean; quiet?: boolean; write?: (line: string) => void}): Logger {
  const secrets = new Set<string>()
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
