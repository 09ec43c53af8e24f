/**
 * The short heading of a reason a photo gets no result, so the window can group photos by cause
 * ("Damaged file — 3 photos") and say it under a tile; the full reason stays beside it. The engine's
 * reasons are sentences for one photo (with its sizes and names); these are their kinds.
 */
const HEADINGS: [RegExp, string][] = [
  [/inside the output folder/, 'Already a result'],
  [/^a RAW file whose .* is sent instead/, 'RAW: its JPEG is sent'],
  [/^a RAW file, which no provider takes/, 'RAW with no usable preview'],
  [/does not open images over/, 'Too many pixels'],
  [/cut short|damaged|impossible in a file of|cannot be decoded/, 'Damaged file'],
  [/needs at least .* px/, 'Too small'],
  [/takes at most .* (px|pixels)/, 'Too large'],
  [/could not be read/, 'Cannot be read'],
  [/is empty/, 'Empty file'],
  [/not a picture|not an image|not a photo/, 'Not a photo'],
  [/file changed after it was checked/, 'Changed while running'],
  [/pruned from the cache/, 'Bought before, result pruned']
]

export function reasonHeading(reason: string | undefined): string {
  if (!reason) return 'No reason given'
  const known = HEADINGS.find(([pattern]) => pattern.test(reason))
  if (known) return known[1]
  // Unknown: the reason's first clause, capitalised.
  const first = reason.split(/[:;(]/)[0]?.trim() || reason
  return first.charAt(0).toUpperCase() + first.slice(1)
}
