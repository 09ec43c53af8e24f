/**
 * A folder Proofsheet was about to write into, make or clear that is a link (or not a folder at all):
 * nothing is written, made or removed through it.
 */
export class NotARealFolder extends Error {
  constructor(
    readonly path: string,
    where: string
  ) {
    super(`${where} is a link or not a folder; Proofsheet writes only into real folders, so nothing was written or removed through it. Replace it with a folder (or remove it), then run again`)
    this.name = 'NotARealFolder'
  }
}
