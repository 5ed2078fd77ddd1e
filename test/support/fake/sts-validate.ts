// STS input validation, worded like the Coral framework's "N validation errors detected" messages.
import {fault, type StsFault} from './sts-xml.js'

export const MIN_DURATION = 900
export const MAX_DURATION = 43200

export class Validator {
  private readonly messages: string[] = []

  private violation(field: string, value: string | null, constraint: string): void {
    const shown = value === null ? 'null' : `'${value}'`
    this.messages.push(`Value ${shown} at '${field}' failed to satisfy constraint: Member must ${constraint}`)
  }

  required(field: string, value: string | null): string {
    if (value === null || value === '') this.violation(field, null, 'not be null')
    return value ?? ''
  }

  length(field: string, value: string | null, min: number, max: number): void {
    if (value === null || value === '') return
    if (value.length < min) this.violation(field, value, `have length greater than or equal to ${min}`)
    else if (value.length > max) this.violation(field, value, `have length less than or equal to ${max}`)
  }

  pattern(field: string, value: string | null, regex: RegExp, shown: string): void {
    if (value && !regex.test(value)) this.violation(field, value, `satisfy regular expression pattern: ${shown}`)
  }

  /** DurationSeconds: omitted means 3600, the STS default. */
  duration(value: string | null): number {
    if (value === null || value === '') return 3600
    const n = Number(value)
    if (!Number.isInteger(n)) this.violation('durationSeconds', value, 'be an integer')
    else if (n < MIN_DURATION) this.violation('durationSeconds', value, `have value greater than or equal to ${MIN_DURATION}`)
    else if (n > MAX_DURATION) this.violation('durationSeconds', value, `have value less than or equal to ${MAX_DURATION}`)
    return n
  }

  get fault(): StsFault | undefined {
    const n = this.messages.length
    if (n === 0) return undefined
    return fault(400, 'ValidationError', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.messages.join('; ')}`)
  }
}

export const validationError = (message: string): StsFault => fault(400, 'ValidationError', message)
