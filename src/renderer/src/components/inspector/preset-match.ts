type Settings = { operationId: string; values: Record<string, unknown> }

const canonical = (s: Settings): string => JSON.stringify([s.operationId, Object.entries(s.values).sort(([a], [b]) => a.localeCompare(b))])

/** Same operation and values, whatever order the values were set in. */
export const sameSettings = (a: Settings, b: Settings): boolean => canonical(a) === canonical(b)

/** Which named preset the batch settings are: the one they match, the last one applied "(changed)", or none. */
export function presetMatch<P extends Settings & { id: number; name: string }>(presets: readonly P[], current: Settings, appliedId: number | null): string {
  const match = presets.find((p) => sameSettings(p, current))
  if (match) return match.name
  const applied = presets.find((p) => p.id === appliedId)
  return applied ? `${applied.name} (changed)` : 'No preset'
}
