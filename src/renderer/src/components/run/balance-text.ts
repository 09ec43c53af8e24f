import type { Balance } from '../../store/types'

const count = (n: number): string => n.toLocaleString('en-US')

/** An amount in its unit, in words: "1,000 credits", "1 image", "3.25 credits". */
export function amount(n: number, unit: string): string {
  const rounded = Number(n.toFixed(2))
  return `${count(rounded)} ${unit === 'images' ? (rounded === 1 ? 'image' : 'images') : rounded === 1 ? 'credit' : 'credits'}`
}

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
