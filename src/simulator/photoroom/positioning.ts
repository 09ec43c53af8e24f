import sharp from 'sharp'
import type { Cutout } from '../imaging'

/**
 * /v2/edit's positioning, after the OpenAPI document's words on outputSize, margin, padding, scaling,
 * referenceBox, the alignments and ignorePaddingAndSnapOnCroppedSides: the subject's box (or the whole
 * photo) is fitted, or made to fill, inside the output less its margins and paddings, then aligned.
 */

type Values = Record<string, unknown>
type Side = 'Top' | 'Bottom' | 'Left' | 'Right'
interface Box {
  left: number
  top: number
  width: number
  height: number
}

const POSITIONING = ['outputSize', 'scaling', 'referenceBox', 'horizontalAlignment', 'verticalAlignment', ...['margin', 'padding'].flatMap((base) => ['', 'Top', 'Bottom', 'Left', 'Right'].map((side) => `${base}${side}`))]

/** Whether the request asks for any placement; without one the cut-out keeps the photo's own frame. */
export function asksForPlacement(values: Values): boolean {
  return values['removeBackground'] !== false && POSITIONING.some((name) => values[name] !== undefined && values[name] !== 'auto' && values[name] !== 'originalImage')
}

/** "a number between 0 and 0.49, a percentage string … (e.g., "30%"), or a pixel value string (e.g., "100px")", in pixels of `whole`. */
function pixels(value: unknown, whole: number): number {
  if (value === undefined) return 0
  const text = String(value)
  if (text.endsWith('px')) return parseFloat(text)
  if (text.endsWith('%')) return (parseFloat(text) / 100) * whole
  return Number(text) * whole
}

const spacing = (values: Values, base: 'margin' | 'padding', side: Side): unknown => values[`${base}${side}`] ?? values[base]

/** The subject's box: every pixel the cut-out keeps as subject (as `foreground` counts them); null when none. */
function subjectBox(cut: Cutout): Box | null {
  let [left, right, top, bottom] = [cut.width, -1, cut.height, -1]
  for (let y = 0; y < cut.height; y++) {
    for (let x = 0; x < cut.width; x++) {
      if ((cut.rgba[(y * cut.width + x) * 4 + 3] as number) < 128) continue
      if (x < left) left = x
      if (x > right) right = x
      if (y < top) top = y
      bottom = y
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 }
}

function outputSize(values: Values, cut: Cutout, subject: Box): { width: number; height: number } {
  const size = /^(\d+)x(\d+)$/.exec(String(values['outputSize'] ?? ''))
  if (size) return { width: Number(size[1]), height: Number(size[2]) }
  if (values['outputSize'] === 'croppedSubject') return { width: subject.width, height: subject.height }
  return { width: cut.width, height: cut.height }
}

/**
 * One axis: margins in the output's pixels, paddings in the output less its margins; a side of the
 * subject cut by the photo's edge ignores its padding and snaps the subject to it, unless an alignment
 * was asked for on this axis or the snap was turned off.
 */
function axis(values: Values, out: number, [start, end]: [Side, Side], cropped: [boolean, boolean], alignment: unknown) {
  const snaps = values['ignorePaddingAndSnapOnCroppedSides'] !== false && alignment === undefined
  const [marginStart, marginEnd] = [pixels(spacing(values, 'margin', start), out), pixels(spacing(values, 'margin', end), out)]
  const content = out - marginStart - marginEnd
  const padStart = snaps && cropped[0] ? 0 : pixels(spacing(values, 'padding', start), content)
  const padEnd = snaps && cropped[1] ? 0 : pixels(spacing(values, 'padding', end), content)
  const snapTo = snaps && cropped[0] !== cropped[1] ? (cropped[0] ? 'start' : 'end') : undefined
  const align = alignment === 'left' || alignment === 'top' ? 'start' : alignment === 'right' || alignment === 'bottom' ? 'end' : (snapTo ?? 'center')
  return { from: marginStart + padStart, room: Math.max(1, content - padStart - padEnd), align }
}

const placeOn = (a: ReturnType<typeof axis>, length: number): number =>
  Math.round(a.align === 'start' ? a.from : a.align === 'end' ? a.from + a.room - length : a.from + (a.room - length) / 2)

/** The cut-out placed on its output canvas as the request's positioning says. */
export async function placeSubject(cut: Cutout, values: Values): Promise<Cutout> {
  const subject = subjectBox(cut)
  if (!subject) return cut
  const reference = values['referenceBox'] === 'originalImage' ? { left: 0, top: 0, width: cut.width, height: cut.height } : subject
  const out = outputSize(values, cut, subject)
  const x = axis(values, out.width, ['Left', 'Right'], [subject.left === 0, subject.left + subject.width === cut.width], values['horizontalAlignment'])
  const y = axis(values, out.height, ['Top', 'Bottom'], [subject.top === 0, subject.top + subject.height === cut.height], values['verticalAlignment'])
  const fit = values['scaling'] === 'fill' ? Math.max : Math.min
  const scale = fit(x.room / reference.width, y.room / reference.height)
  const [width, height] = [Math.max(1, Math.round(reference.width * scale)), Math.max(1, Math.round(reference.height * scale))]
  const [left, top] = [placeOn(x, width), placeOn(y, height)]
  // What falls outside the canvas (scaling "fill") is cut off.
  const visible = { left: Math.max(0, -left), top: Math.max(0, -top), width: Math.min(width, out.width - left) - Math.max(0, -left), height: Math.min(height, out.height - top) - Math.max(0, -top) }
  const raw = { width: cut.width, height: cut.height, channels: 4 as const }
  const canvas = sharp({ create: { width: out.width, height: out.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
  if (visible.width > 0 && visible.height > 0) {
    const scaled = await sharp(cut.rgba, { raw }).extract(reference).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).extract(visible).raw().toBuffer()
    canvas.composite([{ input: scaled, raw: { width: visible.width, height: visible.height, channels: 4 }, left: Math.max(0, left), top: Math.max(0, top) }])
  }
  return { rgba: await canvas.raw().toBuffer(), width: out.width, height: out.height, foreground: cut.foreground }
}
