import type { PhotoRow } from '../store/types'

/** Whether the shown result meets the marketplace's rules, with the reasons on hover. */
export function StoreBadge({ check }: { check: PhotoRow['storeCheck'] }): React.JSX.Element | null {
  if (!check) return null
  // The verdict first: a crowded tile cuts the end of the badge, and the rule's name can go, not the verdict.
  const text = check.passed ? `✓ ${check.rule}` : `✗ ${check.rule}`
  return (
    <span className={`store-badge ${check.passed ? 'passed' : 'failed'}`} title={check.passed ? `Meets ${check.rule}’s image rules` : check.reasons.join('\n')}>
      {text}
      {!check.passed && <span className="visually-hidden">: {check.reasons.join('; ')}</span>}
    </span>
  )
}
