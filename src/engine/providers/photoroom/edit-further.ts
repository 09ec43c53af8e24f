import { resultLinkAllowed } from '../download'

/**
 * Photoroom's `pr-edit-further-url` opens in the user's browser only when it is an https address of
 * Photoroom's own: a link in an answer is not a reason to open any page.
 */
export function isPhotoroomLink(link: string): boolean {
  return resultLinkAllowed(link, { origins: [], hosts: ['photoroom.com', '.photoroom.com'] })
}
