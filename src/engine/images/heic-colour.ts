/** A box of the ISO media format HEIC is stored in: its type and where its content lies. */
interface Box {
  type: string
  start: number
  end: number
}

/** The boxes in bytes [start, end); a box whose size runs past its parent ends the list (a damaged file). */
function boxes(bytes: Buffer, start: number, end: number): Box[] {
  const found: Box[] = []
  let at = start
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at)
    let header = 8
    if (size === 1) {
      if (at + 16 > end) break
      size = Number(bytes.readBigUInt64BE(at + 8))
      header = 16
    } else if (size === 0) size = end - at
    if (size < header || at + size > end) break
    found.push({ type: bytes.toString('latin1', at + 4, at + 8), start: at + header, end: at + size })
    at += size
  }
  return found
}

const child = (bytes: Buffer, parent: Box | undefined, type: string, skip = 0): Box | undefined =>
  parent && boxes(bytes, parent.start + skip, parent.end).find((box) => box.type === type)

/**
 * The ICC profile a HEIC carries (meta → iprp → ipco → colr of type 'prof' or 'rICC'), which libheif's
 * decoder does not hand over with the pixels; undefined when it has none. An nclx colour box (a standard
 * space named by numbers) is not read: the pixels are then taken as sRGB.
 */
export function heicIccProfile(bytes: Buffer): Buffer | undefined {
  const meta = boxes(bytes, 0, bytes.length).find((box) => box.type === 'meta')
  // meta is a full box: version and flags come before its children.
  const ipco = child(bytes, child(bytes, meta, 'iprp', 4), 'ipco')
  if (!ipco) return undefined
  for (const colr of boxes(bytes, ipco.start, ipco.end)) {
    if (colr.type !== 'colr' || colr.end - colr.start < 4) continue
    const kind = bytes.toString('latin1', colr.start, colr.start + 4)
    if (kind === 'prof' || kind === 'rICC') return Buffer.from(bytes.subarray(colr.start + 4, colr.end))
  }
  return undefined
}
