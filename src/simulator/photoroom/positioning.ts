import sharp from 'sharp'
import type { Box, Cutout, Pixels } from '../imaging'

/**
 * /v2/edit's positioning, after the OpenAPI document (outputSize, margin, padding, scaling, referenceBox,
 * the alignments, ignorePaddingAndSnapOnCroppedSides) and its positioning guide: "by default, the
 * positioning system will fit the referenceBox inside the targetArea", the output less its margins and
 * paddings, "centered". The reference box is the subject's (subjectBox, the default) or the whole photo.
 */

type Values = Record<string, unknown>
type Side = 'Top' | 'Bottom' | 'Left' | 'Right'
type Align = 'start' | 'center' | 'end'

/** Whether the subject is placed at all: without its cut-out (removeBackground false) the whole photo is fitted into outputSize instead. */
export function placesSubject(values: Values): boolean {
  return values['removeBackground'] !== false
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

function outputSize(values: Values, cut: Cutout, reference: Box): { width: number; height: number } {
  const size = /^(\d+)x(\d+)$/.exec(String(values['outputSize'] ?? ''))
  if (size) return { width: Number(size[1]), height: Number(size[2]) }
  if (values['outputSize'] === 'croppedSubject') return { width: reference.width, height: reference.height }
  return { width: cut.width, height: cut.height }
}

interface Axis {
  /** Where the target area starts, and its length. */
  from: number
  room: number
  align: Align
}

/**
 * One axis of the target area: margins in the output's pixels ("never ignored"), paddings in the output
 * less its margins; a side of the subject cut by the photo's edge ignores its padding and snaps the
 * subject to it, unless an alignment was asked for on this axis or the snap was turned off.
 */
function axis(values: Values, out: number, [start, end]: [Side, Side], cropped: [boolean, boolean], alignment: unknown): Axis {
  const snaps = values['ignorePaddingAndSnapOnCroppedSides'] !== false && alignment === undefined
  const [marginStart, marginEnd] = [pixels(spacing(values, 'margin', start), out), pixels(spacing(values, 'margin', end), out)]
  const content = out - marginStart - marginEnd
  const padStart = snaps && cropped[0] ? 0 : pixels(spacing(values, 'padding', start), content)
  const padEnd = snaps && cropped[1] ? 0 : pixels(spacing(values, 'padding', end), content)
  const snapTo: Align | undefined = snaps && cropped[0] !== cropped[1] ? (cropped[0] ? 'start' : 'end') : undefined
  const align: Align = alignment === 'left' || alignment === 'top' ? 'start' : alignment === 'right' || alignment === 'bottom' ? 'end' : (snapTo ?? 'center')
  return { from: Math.round(marginStart + padStart), room: Math.max(1, Math.round(content - padStart - padEnd)), align }
}

const placeOn = (a: Axis, length: number): number => Math.round(a.align === 'start' ? a.from : a.align === 'end' ? a.from + a.room - length : a.from + (a.room - length) / 2)

/** The part of a `length` placed at `at` that falls inside the target area ("fill" overflows it, and is cut there). */
function visible(a: Axis, at: number, length: number): { skip: number; length: number } {
  const skip = Math.max(0, a.from - at)
  return { skip, length: Math.min(at + length, a.from + a.room) - at - skip }
}

/** The cut-out placed on its output canvas as the request's positioning says. */
export async function placeSubject(cut: Cutout, values: Values): Promise<Pixels> {
  const whole = { left: 0, top: 0, width: cut.width, height: cut.height }
  // No subject found: the (transparent) photo itself is what is fitted.
  const subject = cut.subject ?? whole
  const reference = values['referenceBox'] === 'originalImage' ? whole : subject
  const out = outputSize(values, cut, reference)
  const x = axis(values, out.width, ['Left', 'Right'], [subject.left === 0, subject.left + subject.width === cut.width], values['horizontalAlignment'])
  const y = axis(values, out.height, ['Top', 'Bottom'], [subject.top === 0, subject.top + subject.height === cut.height], values['verticalAlignment'])
  const fit = values['scaling'] === 'fill' ? Math.max : Math.min
  const scale = fit(x.room / reference.width, y.room / reference.height)
  const [width, height] = [Math.max(1, Math.round(reference.width * scale)), Math.max(1, Math.round(reference.height * scale))]
  const [left, top] = [placeOn(x, width), placeOn(y, height)]
  const [across, down] = [visible(x, left, width), visible(y, top, height)]
  const canvas = sharp({ create: { width: out.width, height: out.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
  if (across.length > 0 && down.length > 0) {
    const shown = { left: across.skip, top: down.skip, width: across.length, height: down.length }
    const scaled = await sharp(cut.rgba, { raw: { width: cut.width, height: cut.height, channels: 4 } }).extract(reference).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).extract(shown).raw().toBuffer()
    canvas.composite([{ input: scaled, raw: { width: shown.width, height: shown.height, channels: 4 }, left: left + across.skip, top: top + down.skip }])
  }
  return { rgba: await canvas.raw().toBuffer(), width: out.width, height: out.height }
}
