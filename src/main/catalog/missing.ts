export function noSuchPhoto(id: number): Error {
  return new Error(`Photo ${id} is not in the catalog.`)
}

/** Writes that change no row were aimed at a photo that is not there. */
export function mustExist(id: number, changes: number): void {
  if (changes === 0) throw noSuchPhoto(id)
}
