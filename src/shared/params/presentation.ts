/**
 * How the window shows an operation's parameters, in a photographer's words: kept beside each
 * provider's schema as data (one file per operation), read by the inspector, the validator's messages
 * and the coverage test. The API's own names stay the keys; nothing here changes what is sent.
 */

/** Sections in the order a photographer works through a photo. */
export const PARAM_GROUPS = ['Prompt', 'Background', 'Shadow', 'Light', 'Subject', 'Framing and size', 'Text', 'AI edits', 'Fashion', 'Output', 'Advanced'] as const

export type ParamGroup = (typeof PARAM_GROUPS)[number]

/**
 * How a field is edited when its kind alone does not say: `prompt` is a text area, `color` a picker with
 * a text field, `file` an image chooser with its thumbnail, `image-list` a list of images (file or URL),
 * `text-list` a list of words, `json` a checked JSON object, `preset-or-image` a named preset or an image
 * of one's own, `keyed-images` reference images under keys the window names.
 */
export type ControlKind = 'switch' | 'choices' | 'slider' | 'number' | 'text' | 'prompt' | 'color' | 'file' | 'image-list' | 'text-list' | 'json' | 'preset-or-image' | 'keyed-images'

/** A choice whose value is not a plain word (`background.expandPrompt` takes `{mode: "ai.auto"}`). */
export interface Choice {
  value: string | number | boolean | Record<string, unknown>
  label: string
  /** The API's words when it calls this value deprecated or legacy. */
  deprecated?: string
}

export interface FieldPresentation {
  label: string
  /** One line: what it does, in plain words. */
  help: string
  group: ParamGroup
  /** Shown at the top of its section; the rest are under "More". */
  common?: boolean
  control?: ControlKind
  /** Human names of the API's values (`ai.preserve-hue-and-saturation` → "Keep hue and saturation"). */
  values?: Readonly<Record<string, string>>
  /** Values the API calls deprecated or legacy, with its words. */
  deprecatedValues?: Readonly<Record<string, string>>
  /** The whole parameter is deprecated or legacy, in the API's words. */
  deprecated?: string
  /** What is allowed, said when a value is not: "a width and height like 2000x2000, or Original image". */
  allowed?: string
  /** Choices with values other than plain words; plain enums take their names from `values`. */
  choices?: readonly Choice[]
  /** Not offered as a field of its own, and why (a link offered as another field's "Image URL"). */
  hidden?: string
  /** The parameter that takes the same image by link: the field offers "Image file" or "Image URL". */
  link?: string
}

/** Every parameter of one operation, keyed by the API's name (`{key}` names as documented), in display order. */
export type OperationPresentation = Readonly<Record<string, FieldPresentation>>

/** The API's name made readable, for a parameter the presentation does not know yet. */
export function fallbackLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
