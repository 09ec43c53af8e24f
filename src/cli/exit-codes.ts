/** Distinct exit codes, so scripts can tell what went wrong without parsing text. */
export const EXIT = {
  ok: 0,
  imagesFailed: 1,
  usage: 2,
  credits: 3,
  auth: 4,
  unreachable: 5,
  /** A paid result could be saved nowhere (a full disk): the run stopped rather than buy more. */
  notSaved: 6,
  interrupted: 130
} as const
