/** `npm run` starts scripts in the package folder; INIT_CWD is where the user actually was. */
export function userCwd(): string {
  return process.env['INIT_CWD'] ?? process.cwd()
}
