import {CloktaError} from '../../../errors.js'
import {msUntilNextStep} from '../../totp.js'
import {OktaApiError} from '../okta-api.js'
import type {OktaTransaction} from '../types.js'
import type {FactorContext} from './factor-context.js'

const TYPED_TRIES = 3

export interface PasscodeAsk {
  /** what the code is called: "Okta Verify", "SMS", "YubiKey" */
  label: string
  /** what a well-formed answer looks like, checked before anything is sent */
  pattern: RegExp
  patternHint: string
  /** the body field: passCode, or answer for a security question */
  field?: 'passCode' | 'answer'
  /** ask with a masked prompt (a security answer) */
  masked?: boolean
  /** the prompt's text, when not "<label> code" */
  message?: string
  /** --mfa-code: tried once, never retried (it would only be the same wrong code again) */
  fromFlag?: string
  /** a code made from a TOTP seed, tried before asking */
  generate?: {make: () => string; source: string}
  /** typing "r" at the prompt asks Okta to send the code again */
  resend?: () => Promise<void>
}

type Origin = 'flag' | 'generated' | 'typed'
/** `afterReplay`: only worth trying when the code before it was refused as used already */
type Source = {origin: Origin; next: () => Promise<string>; afterReplay?: boolean}

/** How Okta refuses a code: E0000068 it is wrong, E0000082 it was right but used already. */
type Refusal = 'wrong' | 'replayed'

function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof OktaApiError)) return undefined
  return error.oktaCode === 'E0000068' ? 'wrong' : error.oktaCode === 'E0000082' ? 'replayed' : undefined
}

function codeSources(ask: PasscodeAsk, ctx: FactorContext): Source[] {
  if (ask.fromFlag !== undefined) {
    const code = ask.fromFlag.replace(/\s+/g, '')
    if (!ask.pattern.test(code)) throw new CloktaError(`The --mfa-code does not look like a ${ask.label} code: ${ask.patternHint}`, 'usage')
    return [{origin: 'flag', next: async () => code}]
  }
  const typed: Source = {
    origin: 'typed',
    async next() {
      for (;;) {
        const question = {
          message: ask.message ?? `${ask.label} code${ask.resend ? ' (r to send it again)' : ''}`,
          subject: `the ${ask.label} ${ask.field === 'answer' ? 'answer' : 'code'}`,
          provide: ask.field === 'answer' ? 'run clokta in a terminal' : 'pass it with --mfa-code',
          validate: (v: string) => ask.pattern.test(v.trim()) || (ask.resend !== undefined && v.trim().toLowerCase() === 'r') || ask.patternHint,
        }
        const answer = await (ask.masked ? ctx.prompter.password(question) : ctx.prompter.input(question))
        if (ask.resend && answer.trim().toLowerCase() === 'r') await ask.resend()
        else return ask.masked ? answer : answer.replace(/\s+/g, '')
      }
    },
  }
  const sources: Source[] = []
  if (ask.generate) {
    const {make, source} = ask.generate
    sources.push({origin: 'generated', next: async () => make()})
    // A TOTP code works once: after a login in the same 30 s step, only the next step's code will do.
    // A wrong code (E0000068) is not waited on: the next one would be just as wrong.
    sources.push({
      origin: 'generated',
      afterReplay: true,
      async next() {
        const wait = msUntilNextStep(ctx.clock.now()) + 500
        ctx.log.info(`The code made from ${source} was used already in this 30 s step; waiting ${Math.ceil(wait / 1000)} s for the next one...`)
        await ctx.clock.sleep(wait)
        return make()
      },
    })
  }
  if (ctx.prompter.interactive || sources.length === 0) for (let i = 0; i < TYPED_TRIES; i++) sources.push(typed)
  return sources
}

function refused(ask: PasscodeAsk, origin: Origin, typedTries: number, why: Refusal): CloktaError {
  const what = ask.field === 'answer' ? 'answer' : 'code'
  // Codes are generated only when ask.generate says from what.
  if (origin === 'generated' && ask.generate) {
    const {source} = ask.generate
    return why === 'replayed'
      ? new CloktaError(
          `Okta refused the ${ask.label} codes made from ${source} as used already (E0000082).`,
          'okta-mfa',
          'Something else used the same seed meanwhile (another clokta, or the app); wait 30 seconds and run clokta again.',
        )
      : new CloktaError(
          `Okta did not accept the ${ask.label} code made from ${source} (E0000068).`,
          'okta-mfa',
          "Check that the secret is this factor's seed and that this computer's clock is right.",
        )
  }
  const from = origin === 'flag' ? ' from --mfa-code' : typedTries > 1 ? ` (${typedTries} tries)` : ''
  if (why === 'replayed') {
    return new CloktaError(
      `Okta did not accept the ${ask.label} ${what}${from}: it was used already (E0000082).`,
      'okta-mfa',
      'Each code works once; wait for the next one and run clokta again.',
    )
  }
  return new CloktaError(`Okta did not accept the ${ask.label} ${what}${from} (E0000068).`, 'okta-mfa', `Check the ${what} and run clokta again.`)
}

/** Sends codes to `href` until Okta accepts one, from --mfa-code, a TOTP seed, or the prompt. */
export async function submitPasscode(href: string, tx: OktaTransaction, ctx: FactorContext, ask: PasscodeAsk): Promise<OktaTransaction> {
  let sources = codeSources(ask, ctx)
  let typedTries = 0
  while (sources.length > 0) {
    const [source, ...rest] = sources
    const code = await source.next()
    ctx.log.secret(code)
    if (source.origin === 'typed') typedTries++
    try {
      return await ctx.api.post(href, {stateToken: tx.stateToken, [ask.field ?? 'passCode']: code})
    } catch (error) {
      const why = refusalOf(error)
      if (!why) throw error
      sources = rest.filter((s) => !s.afterReplay || (why === 'replayed' && source.origin === 'generated'))
      if (sources.length === 0) throw refused(ask, source.origin, typedTries, why)
      if (source.origin === 'typed') {
        const left = sources.length
        const tries = `${left} ${left === 1 ? 'try' : 'tries'} left`
        ctx.prompter.say(
          why === 'replayed'
            ? `That code was used already; wait for the next one and type it (${tries}).`
            : `That ${ask.field === 'answer' ? 'answer' : 'code'} was not accepted. Try again (${tries}).`,
        )
      } else if (sources[0].origin === 'typed' && ask.generate) {
        // Only a generated code is followed by more sources, and ask.generate made it.
        ctx.prompter.say(
          `The code made from ${ask.generate.source} was not accepted${why === 'replayed' ? ' (used already)' : ''}; type the code instead.`,
        )
      }
    }
  }
  throw new Error('unreachable')
}
