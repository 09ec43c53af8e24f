/**
 * Colours as the APIs document them: a hex colour (6 digits, or 8 with alpha last) or a colour name
 * ("color name (examples: `red`, `blue`)", "a HTML color (`red`, `green`, etc.)"), which are the CSS
 * named colours. Whether the `#` is written depends on the parameter.
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

/** How a parameter's document spells a hex colour: `#` optional (Photoroom edit) or required (`bg_color`). */
export type HashSign = 'optional' | 'required'

export function isColor(value: unknown, hash: HashSign): boolean {
  if (typeof value !== 'string') return false
  if (NAMES.has(value.toLowerCase())) return true
  const match = /^(#?)([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)
  return !!match && (hash === 'optional' || match[1] === '#')
}

/** The six hex digits of a colour the picker can show (`#rrggbb`), or undefined for names and alpha. */
export function pickerHex(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^#?([0-9a-f]{6})$/i.exec(value) : null
  return match ? `#${(match[1] as string).toLowerCase()}` : undefined
}
