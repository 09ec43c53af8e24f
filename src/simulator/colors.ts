/**
 * Colour names the documents allow ("color name (examples: `red`, `blue`)", "a HTML color (`red`,
 * `green`, etc.)"): the CSS named colours.
 */
const NAMES = new Set(
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
  cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
  darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
  darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
  firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
  hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
  lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
  lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
  mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
  midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
  palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
  rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
  slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
  whitesmoke yellow yellowgreen transparent`.split(/\s+/)
)

/** How a document spells a hex colour: with the `#` it shows, without, or either. */
export type HashSign = 'required' | 'forbidden' | 'optional'

/** A hex colour (6 or 8 digits, alpha last) or a colour name; null when it is neither. */
export function parseColor(value: string, hash: HashSign): string | null {
  if (NAMES.has(value.toLowerCase())) return value.toLowerCase()
  const match = /^(#?)([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)
  if (!match) return null
  if ((hash === 'required' && !match[1]) || (hash === 'forbidden' && match[1])) return null
  return `#${match[2]}`
}
