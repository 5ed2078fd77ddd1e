import {CloktaError} from '../errors.js'
import type {Terminal} from './terminal.js'
import {keepTerminalMode} from './terminal-restore.js'

/**
 * Every question the tool asks goes through a Prompter. Each question says how the answer
 * could be given without a terminal, so that a run with no terminal fails at once with a
 * message naming the flag or environment variable instead of hanging.
 */
export interface Question {
  message: string
  /** What is being asked for, e.g. "the Okta password". */
  subject: string
  /** How to provide it without a terminal, e.g. "set okta_password in the environment". */
  provide: string
}

export interface Choice<T extends string> {
  name: T
  message: string
  hint?: string
  /** shown but not selectable; the text says why */
  disabled?: string
}

export interface Prompter {
  readonly interactive: boolean
  input(q: Question & {initial?: string; validate?: (value: string) => string | true}): Promise<string>
  /** masked; an empty answer is refused at the prompt (an empty password sent to Okta is a failed attempt toward lockout) */
  password(q: Question & {validate?: (value: string) => string | true}): Promise<string>
  select<T extends string>(q: Question & {choices: Choice<T>[]; initial?: T}): Promise<T>
  confirm(q: Question & {initial: boolean}): Promise<boolean>
  /** Write a line where the user sees it (the terminal, else stderr). */
  say(line: string): void
}

function noTerminal(q: Question): never {
  throw new CloktaError(`Cannot ask for ${q.subject} without a terminal: ${q.provide}.`, 'input-missing')
}

export const nonInteractivePrompter: Prompter = {
  interactive: false,
  input: async (q) => noTerminal(q),
  password: async (q) => noTerminal(q),
  select: async (q) => noTerminal(q),
  confirm: async (q) => noTerminal(q),
  say: (line) => process.stderr.write(line + '\n'),
}

type EnquirerPrompt = (options: Record<string, unknown>) => Promise<Record<string, unknown>>

/** What enquirer hands a `format` option as `this`: enough to tell a pending answer from a given one. */
interface PromptState {
  state: {submitted: boolean; cancelled: boolean}
  styles: {primary(text: string): string; success(text: string): string}
}

export function terminalPrompter(terminal: Terminal): Prompter {
  let enquirer: EnquirerPrompt | undefined
  async function ask<T>(options: Record<string, unknown>): Promise<T> {
    // enquirer is loaded on the first question: most runs after the first ask none.
    // eslint-disable-next-line no-restricted-syntax -- enquirer's types miss options it takes (styles, a format that reads `this`); no outside data here
    enquirer ??= ((await import('enquirer')).default as unknown as {prompt: EnquirerPrompt}).prompt
    const releaseMode = keepTerminalMode(terminal.input)
    try {
      const answer = await enquirer({
        ...options,
        name: 'value',
        stdin: terminal.input,
        stdout: terminal.output,
        // enquirer's colours (ansi-colors) know FORCE_COLOR only; NO_COLOR and TERM=dumb are ours to honour
        styles: {enabled: terminal.colour},
      })
      return answer.value as T
    } catch (error) {
      // enquirer rejects with an empty value when the user presses Ctrl-C or Esc.
      if (error === '' || error === undefined) throw new CloktaError('Cancelled.', 'cancelled')
      throw error
    } finally {
      releaseMode()
    }
  }
  return {
    interactive: true,
    input: (q) => ask<string>({type: 'input', message: q.message, initial: q.initial, validate: q.validate}).then((v) => v.trim()),
    password: (q) =>
      ask<string>({
        type: 'password',
        message: q.message,
        hint: '(hidden as you type)',
        // enquirer's one star per character would show the length to anyone watching; nothing shows nothing
        format: () => '',
        validate: q.validate ?? ((v: string) => v.length > 0 || 'Nothing was typed.'),
      }),
    select: <T extends string>(q: Question & {choices: Choice<T>[]; initial?: T}) =>
      ask<T>({
        type: 'select',
        message: q.message,
        choices: q.choices.map((c) => ({name: c.name, message: c.message, hint: c.hint, disabled: c.disabled})),
        initial:
          q.initial === undefined
            ? 0
            : Math.max(
                0,
                q.choices.findIndex((c) => c.name === q.initial),
              ),
        // the answered line shows what was chosen as the user saw it, not its name (a factor id, a role ARN)
        format(this: PromptState, name: string) {
          if (!this.state.submitted || this.state.cancelled) return ''
          return this.styles.primary(q.choices.find((c) => c.name === name)?.message ?? name)
        },
      }),
    confirm: (q) =>
      ask<boolean>({
        type: 'confirm',
        message: q.message,
        initial: q.initial,
        // yes/no rather than enquirer's true/false; while pending, (Y/n) shows the default already
        format(this: PromptState, value: boolean) {
          return this.state.submitted && !this.state.cancelled ? this.styles.success(value ? 'yes' : 'no') : ''
        },
      }),
    say: (line) => terminal.output.write(line + '\n'),
  }
}
