import type { Balance } from '../../store/types'

const count = (n: number): string => n.toLocaleString('en-US')
const amount = (n: number, unit: string): string => `${count(n)} ${unit === 'images' ? (n === 1 ? 'image' : 'images') : n === 1 ? 'credit' : 'credits'}`

/** What is left (or spent here, or proofs used this month), in a few words: the toolbar's line. */
export function balanceAmount(b: Balance): string {
  switch (b.source) {
    case 'provider':
      return `${amount(b.available, b.unit)} left`
    case 'spent-locally':
      return `${amount(b.spent, 'credits')} spent here`
    case 'sandbox-month':
      return `${count(b.used)} of ${count(b.limit)} free proofs used this month`
  }
}

/** The plan and what it gives each month, where the provider tells them. */
export function balancePlan(b: Balance): string | undefined {
  if (b.source !== 'provider') return undefined
  const parts = [...(b.plan ? [`${b.plan} plan`] : []), ...(b.subscription ? [`${amount(b.subscription, b.unit)} a month`] : [])]
  return parts.length ? parts.join(' · ') : undefined
}
