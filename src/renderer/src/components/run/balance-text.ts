import type { Balance } from '../../store/types'

const count = (n: number): string => n.toLocaleString('en')

/** One line of the credit balance, in words: what is left, the plan and what it gives each month; a sandbox's proofs this month. */
export function balanceText(b: Balance, providerName: string): string {
  switch (b.source) {
    case 'provider': {
      const month = b.subscription ? ` of ${count(b.subscription)} a month` : ''
      return `${providerName}: ${count(b.available)} ${b.unit} left${month}${b.plan ? ` · ${b.plan} plan` : ''}`
    }
    case 'spent-locally':
      return `${providerName}: ${count(b.spent)} credits spent here`
    case 'sandbox-month':
      return `${providerName} sandbox: ${count(b.used)} of ${count(b.limit)} free proofs used this month`
  }
}
