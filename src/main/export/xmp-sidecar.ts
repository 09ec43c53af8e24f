import type { ReviewRow } from '../catalog/review'

/** Lightroom's default label set, which Capture One and darktable also read from xmp:Label. */
const LABEL_NAMES = { red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue', purple: 'Purple' } as const

export const PROOFSHEET_XMP_NS = 'https://proofsheet.app/ns/xmp/1.0/'

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;')

/**
 * The culling marks as an XMP sidecar (`photo.jpg.xmp`). Stars go to xmp:Rating and the colour to
 * xmp:Label. A reject is xmp:Rating -1, as Lightroom and darktable write it. XMP has no standard
 * field for a pick, so a pick keeps its stars in xmp:Rating and is written as proofsheet:Flag="pick"
 * in our own namespace; rejects carry proofsheet:Flag="reject" too, so both flags read back.
 */
export function xmpSidecar(review: Pick<ReviewRow, 'flag' | 'rating' | 'label'>): string {
  const rating = review.flag === 'reject' ? -1 : review.rating
  const attributes = [
    `xmp:Rating="${rating}"`,
    ...(review.label ? [`xmp:Label="${escape(LABEL_NAMES[review.label])}"`] : []),
    ...(review.flag ? [`proofsheet:Flag="${review.flag}"`] : [])
  ]
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:proofsheet="${PROOFSHEET_XMP_NS}"
    ${attributes.join('\n    ')}/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`
}
