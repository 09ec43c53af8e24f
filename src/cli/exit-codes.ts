/** Distinct exit codes, so scripts can tell what went wrong without parsing text. */
export const EXIT = {
  ok: 0,
  imagesFailed: 1,
  usage: 2,
  credits: 3,
  auth: 4,
  unreachable: 5,
  interrupted: 130
} as const
