import type { OperationPresentation } from '../../../../shared/params/presentation'

/**
 * Photoroom's Image Editing API (`/v2/edit`) in a photographer's words: labels, one-line help, sections
 * and order, names for the API's values, and what it calls deprecated (its own words). Data only.
 */

const SIZES = {
  PORTRAIT_HD_16_9: 'Portrait 9:16',
  PORTRAIT_HD_4_3: 'Portrait 3:4',
  PORTRAIT_HD_3_2: 'Portrait 2:3',
  SQUARE_HD: 'Square',
  LANDSCAPE_HD_3_2: 'Landscape 3:2',
  LANDSCAPE_HD_4_3: 'Landscape 4:3',
  LANDSCAPE_HD_16_9: 'Landscape 16:9'
}
const PROMPT_SIZES = { LANDSCAPE_16_9: 'Landscape 16:9', LANDSCAPE_4_3: 'Landscape 4:3', PORTRAIT_16_9: 'Portrait 9:16', PORTRAIT_4_3: 'Portrait 3:4', SQUARE_HD: 'Square' }
const ON = { 'ai.auto': 'On' }
const SPACING = 'a number from 0 to 0.49, a percentage up to 49% (like 10%), or pixels (like 100px)'
const SHADOW_2026 = 'Needs the 2026-04-15 shadow model and the "Natural, adjustable" shadow.'
const AS_LINK = (field: string): string => `Offered as the Image URL choice of ${field}: Proofsheet downloads it once and sends the image.`
const MODELS = {
  avery: 'Avery', sam: 'Sam', taylor: 'Taylor', kendall: 'Kendall', jordan: 'Jordan', casey: 'Casey', alex: 'Alex', maya: 'Maya', reece: 'Reece', lena: 'Lena',
  julia: 'Julia', jackson: 'Jackson', sophia: 'Sophia', emma: 'Emma', ava: 'Ava', zoe: 'Zoe', fiona: 'Fiona'
}
const SCENES = {
  random: 'Surprise me', street: 'Street', bedroom: 'Bedroom', sunset: 'Sunset', factory: 'Factory', studio: 'Studio', coloredstudio: 'Coloured studio',
  concretestudio: 'Concrete studio', beach: 'Beach', tropical: 'Tropical', library: 'Library', forest: 'Forest', businessdistrict: 'Business district',
  countryside: 'Countryside', flowers: 'Flowers', goldenlight: 'Golden light', mountain: 'Mountain', pool: 'Pool', latincity: 'Latin city', cafe: 'Café',
  asiancity: 'Asian city', nightlights: 'Night lights', desert: 'Desert'
}

export const photoroomEditPresentation: OperationPresentation = {
  removeBackground: { label: 'Remove the background', help: 'Cut the subject out of its original background.', group: 'Background', common: true, control: 'switch' },
  'background.color': { label: 'Background colour', help: 'A plain colour behind the subject; transparent when left empty.', group: 'Background', common: true, control: 'color', allowed: 'a hex colour like FFFFFF (or FFFFFF80 with transparency) or a colour name like white' },
  'background.imageFile': { label: 'Background image', help: 'Your own image placed behind the subject.', group: 'Background', common: true, control: 'file', link: 'background.imageUrl' },
  'background.prompt': { label: 'AI background', help: 'Describe a scene and Photoroom generates it behind the subject.', group: 'Background', common: true, control: 'prompt' },
  'background.guidance.imageFile': { label: 'AI background guide image', help: 'An image whose look the AI background should follow.', group: 'Background', common: true, control: 'file', link: 'background.guidance.imageUrl' },
  'background.guidance.scale': { label: 'Follow the guide image', help: '0 ignores the guide image, 1 follows it as closely as possible.', group: 'Background', allowed: 'a number from 0 to 1' },
  'pr-ai-background-model-version': {
    label: 'AI background model',
    help: 'Studio gives the most realistic results; the current model is the default.',
    group: 'Background',
    values: { '3': 'Current (v3)', 'background-studio-beta-2025-03-17': 'Studio (recommended)', '2': 'Previous (v2)' },
    deprecatedValues: { '2': 'This model has been deprecated, there is currently no timeline for its removal from the API.' }
  },
  'background.seed': { label: 'AI background seed', help: 'The same number gives a similar background for the same prompt.', group: 'Background', allowed: 'a whole number of 1 or more' },
  'background.expandPrompt': {
    label: 'Improve my prompt',
    help: 'Let Photoroom expand a short prompt into a longer, richer one.',
    group: 'Background',
    control: 'choices',
    choices: [
      { value: { mode: 'ai.auto' }, label: 'Expand my prompt (default)' },
      { value: { mode: 'ai.never' }, label: 'Use my prompt as written' },
      { value: 'auto', label: 'auto (legacy)', deprecated: '`auto` and `never` are legacy values that will be removed in the next major version.' },
      { value: 'never', label: 'never (legacy)', deprecated: '`auto` and `never` are legacy values that will be removed in the next major version.' }
    ]
  },
  'background.negativePrompt': {
    label: 'Leave out of the AI background',
    help: 'Things the AI background should avoid.',
    group: 'Background',
    control: 'prompt',
    deprecated: '(LEGACY) This parameter will only have an effect when using the previous AI Backgrounds model.'
  },
  'background.scaling': { label: 'Background image fit', help: 'Fill the frame with the background image, or fit it whole.', group: 'Background', values: { fill: 'Fill the frame', fit: 'Fit whole (transparent edges)' } },
  'background.blur.mode': { label: 'Blur the background', help: 'Keep the original background, blurred.', group: 'Background', values: { gaussian: 'Soft blur', bokeh: 'Bokeh' } },
  'background.blur.radius': { label: 'Blur amount', help: 'How blurry the background gets.', group: 'Background' },
  keepExistingAlphaChannel: { label: 'Use the photo’s own transparency', help: 'For a photo already cut out: keep its transparency instead of cutting again.', group: 'Background', values: { auto: 'Yes, when it has some', never: 'No' } },
  'background.imageUrl': { label: 'Background image link', help: 'A link to the background image.', group: 'Background', hidden: AS_LINK('Background image') },
  'background.guidance.imageUrl': { label: 'AI background guide link', help: 'A link to the guide image.', group: 'Background', hidden: AS_LINK('AI background guide image') },

  'shadow.mode': {
    label: 'Shadow',
    help: 'An AI shadow under the subject.',
    group: 'Shadow',
    common: true,
    values: { 'ai.soft': 'Soft', 'ai.hard': 'Hard', 'ai.floating': 'Floating', 'ai.preset-soft': 'Soft (2026 model)', 'ai.preset-hard': 'Hard (2026 model)', 'ai.auto-with-overrides': 'Natural, adjustable (2026 model)' }
  },
  'pr-ai-shadows-model-version': { label: 'Shadow model', help: 'The 2026-04-15 model brings the adjustable shadows.', group: 'Shadow', values: { '2026-04-15': '2026-04-15' } },
  'shadow.directionOverride': {
    label: 'Shadow direction',
    help: `Where the shadow falls, or an angle in degrees. ${SHADOW_2026}`,
    group: 'Shadow',
    values: { behind: 'Behind', behindLeft: 'Behind left', left: 'Left', frontLeft: 'Front left', front: 'Front', frontRight: 'Front right', right: 'Right', behindRight: 'Behind right' }
  },
  'shadow.intensityOverride': { label: 'Shadow darkness', help: `0 is very faint, 1 very dark. ${SHADOW_2026}`, group: 'Shadow' },
  'shadow.softnessOverride': { label: 'Shadow softness', help: `0 is very hard, 1 very soft. ${SHADOW_2026}`, group: 'Shadow' },
  'shadow.spreadOverride': { label: 'Shadow length', help: `Short, medium or long, or an angle in degrees. ${SHADOW_2026}`, group: 'Shadow', values: { short: 'Short', medium: 'Medium', long: 'Long' } },
  'shadow.subjectPoseOverride': { label: 'Subject pose', help: `Lying flat or standing upright, or an angle in degrees. ${SHADOW_2026}`, group: 'Shadow', values: { flatlay: 'Lying flat', upright: 'Standing upright' } },

  'lighting.mode': { label: 'Relight', help: 'Adjust the light on the subject with AI.', group: 'Light', common: true, values: { 'ai.auto': 'Automatic', 'ai.preserve-hue-and-saturation': 'Keep hue and saturation', 'ai.optimize-portrait': 'Portrait' } },

  'outline.color': { label: 'Outline colour', help: 'A coloured outline around the subject, as for stickers.', group: 'Subject', common: true, control: 'color', allowed: 'a hex colour like FFFFFF or a colour name like white' },
  'outline.width': { label: 'Outline width', help: 'Thin around 0.01, standard 0.03, bold 0.1.', group: 'Subject' },
  'outline.blurRadius': { label: 'Outline glow', help: 'Softens the outline into a glow; 0 is a crisp line.', group: 'Subject' },
  'beautify.mode': { label: 'Beautify', help: 'Improve the light, background and look of a product, food or car photo.', group: 'Subject', values: { 'ai.auto': 'Product packshot', 'ai.food': 'Food', 'ai.car': 'Car' } },
  'beautify.onSubjectMismatch': { label: 'When the photo is not food', help: 'Refuse photos that are not food instead of beautifying them anyway.', group: 'Subject', values: { ignore: 'Beautify anyway', error: 'Refuse the photo' } },
  'beautify.seed': { label: 'Beautify seed', help: 'The same number gives similar results for the same subject.', group: 'Subject' },
  'upscale.mode': { label: 'AI upscale', help: 'Enlarge the photo up to 4 times with AI (preview feature).', group: 'Subject', values: { 'ai.fast': 'Fast', 'ai.slow': 'Best quality (slower)' } },
  'upscale.downscaleIfNeeded': {
    label: 'Too large to upscale',
    help: 'What to do with a photo larger than the upscaler takes.',
    group: 'Subject',
    values: { never: 'Refuse it', always: 'Shrink it first', skipUpscaleIfNotNeeded: 'Shrink only if the result stays as large' }
  },
  'segmentation.prompt': { label: 'What to keep', help: 'Describe the subject to cut out (preview feature).', group: 'Subject', control: 'prompt' },
  'segmentation.negativePrompt': { label: 'What to remove', help: 'Describe what the cut-out should leave out.', group: 'Subject', control: 'prompt' },
  'segmentation.mode': { label: 'Main subject', help: 'Keep or ignore the most obvious subject when cutting out.', group: 'Subject', values: { keepSalientObject: 'Keep it', ignoreSalientObject: 'Ignore it' } },

  outputSize: { label: 'Output size', help: 'Width and height of the result, or a size taken from the photo.', group: 'Framing and size', common: true, allowed: "a width and height like 2000x2000, or 'originalImage', 'croppedSubject' or 'auto'" },
  padding: { label: 'Padding', help: 'Space around the subject: 0.1 is 10 % of the frame.', group: 'Framing and size', common: true, allowed: SPACING },
  margin: { label: 'Margin', help: 'Space kept clear at the frame’s edges, even on cropped sides.', group: 'Framing and size', allowed: SPACING },
  scaling: { label: 'Subject fit', help: 'Fit the whole subject in the frame, or fill the frame with it.', group: 'Framing and size', values: { fit: 'Fit whole', fill: 'Fill the frame' } },
  horizontalAlignment: { label: 'Horizontal position', help: 'Where the subject sits across the frame.', group: 'Framing and size', values: { left: 'Left', center: 'Centre', right: 'Right' } },
  verticalAlignment: { label: 'Vertical position', help: 'Where the subject sits up and down the frame.', group: 'Framing and size', values: { top: 'Top', center: 'Middle', bottom: 'Bottom' } },
  paddingTop: { label: 'Padding top', help: 'Overrides the padding at the top.', group: 'Framing and size', allowed: SPACING },
  paddingBottom: { label: 'Padding bottom', help: 'Overrides the padding at the bottom.', group: 'Framing and size', allowed: SPACING },
  paddingLeft: { label: 'Padding left', help: 'Overrides the padding on the left.', group: 'Framing and size', allowed: SPACING },
  paddingRight: { label: 'Padding right', help: 'Overrides the padding on the right.', group: 'Framing and size', allowed: SPACING },
  marginTop: { label: 'Margin top', help: 'Overrides the margin at the top.', group: 'Framing and size', allowed: SPACING },
  marginBottom: { label: 'Margin bottom', help: 'Overrides the margin at the bottom.', group: 'Framing and size', allowed: SPACING },
  marginLeft: { label: 'Margin left', help: 'Overrides the margin on the left.', group: 'Framing and size', allowed: SPACING },
  marginRight: { label: 'Margin right', help: 'Overrides the margin on the right.', group: 'Framing and size', allowed: SPACING },
  maxWidth: { label: 'Largest width', help: 'Shrinks the result to at most this many pixels wide, keeping its shape.', group: 'Framing and size' },
  maxHeight: { label: 'Largest height', help: 'Shrinks the result to at most this many pixels high, keeping its shape.', group: 'Framing and size' },
  referenceBox: { label: 'Place padding around', help: 'Measure padding from the subject, or from the whole original photo.', group: 'Framing and size', values: { subjectBox: 'Fit the subject’s box', originalImage: 'The whole original photo' } },
  ignorePaddingAndSnapOnCroppedSides: { label: 'Snap cropped sides to the edge', help: 'A subject cut off by the photo’s edge stays against the frame’s edge.', group: 'Framing and size', control: 'switch' },
  'expand.mode': { label: 'AI expand', help: 'Fill empty areas of the frame with more of the background.', group: 'Framing and size', control: 'switch', values: ON },
  'expand.seed': { label: 'AI expand seed', help: 'The same number gives similar results.', group: 'Framing and size' },
  'uncrop.mode': { label: 'AI uncrop', help: 'Extend a subject cut off by the photo’s edge.', group: 'Framing and size', control: 'switch', values: ON },
  'uncrop.seed': { label: 'AI uncrop seed', help: 'The same number gives similar results.', group: 'Framing and size' },

  'textRemoval.mode': { label: 'Remove text', help: 'Remove text from the photo with AI.', group: 'Text', common: true, values: { 'ai.artificial': 'Added text and watermarks', 'ai.natural': 'Text in the scene', 'ai.all': 'All text' } },

  'editWithAI.prompt': { label: 'Describe a change', help: 'Tell the AI what to change: "remove the coffee cup".', group: 'AI edits', common: true, control: 'prompt' },
  'editWithAI.mode': { label: 'Edit with AI', help: 'Turns on the described change.', group: 'AI edits', control: 'switch', values: ON },
  'editWithAI.seed': { label: 'Edit seed', help: 'The same number gives similar results for the same prompt.', group: 'AI edits' },
  'editWithAI.additionalImages.{key}.imageFile': { label: 'Reference images', help: 'Extra images the described change may draw on.', group: 'AI edits', control: 'keyed-images' },
  'editWithAI.additionalImages.{key}.imageUrl': {
    label: 'Reference image links',
    help: 'Links to reference images.',
    group: 'AI edits',
    hidden: 'Given on the command line or in a preset; the window takes reference images as files. Proofsheet downloads each link once and sends the image.'
  },
  'imageFromPrompt.prompt': { label: 'Create an image', help: 'Generate a whole image from a description.', group: 'AI edits', control: 'prompt' },
  'imageFromPrompt.size': { label: 'Created image size', help: 'The shape of the created image.', group: 'AI edits', values: PROMPT_SIZES },
  'imageFromPrompt.seed': { label: 'Created image seed', help: 'The same number gives similar results.', group: 'AI edits' },
  'describeAnyChange.prompt': { label: 'Describe a change (old)', help: 'The former name of Describe a change.', group: 'AI edits', control: 'prompt', deprecated: '(DEPRECATED) Use `editWithAI.prompt` instead.' },
  'describeAnyChange.mode': { label: 'Describe any change (old)', help: 'The former switch of Edit with AI.', group: 'AI edits', control: 'switch', values: ON, deprecated: '(DEPRECATED) Use `editWithAI.mode` instead.' },
  'describeAnyChange.seed': { label: 'Describe a change seed (old)', help: 'The former seed of Edit with AI.', group: 'AI edits', deprecated: '(DEPRECATED) Use `editWithAI.seed` instead.' },

  'virtualModel.mode': { label: 'Virtual model', help: 'Show the garment worn by a generated model.', group: 'Fashion', common: true, control: 'switch', values: ON },
  'virtualModel.model': { label: 'Model', help: 'A preset model, or an image of your own model.', group: 'Fashion', control: 'preset-or-image', values: MODELS },
  'virtualModel.scene': { label: 'Scene', help: 'A preset scene, or an image of your own.', group: 'Fashion', control: 'preset-or-image', values: SCENES },
  'virtualModel.pose': {
    label: 'Pose',
    help: 'How the model stands.',
    group: 'Fashion',
    values: {
      random: 'Surprise me', standing: 'Standing', '34turn': 'Three-quarter turn', powerstance: 'Power stance', walkingforward: 'Walking forward', handinpocket: 'Hand in pocket',
      crossedarms: 'Arms crossed', back: 'From the back', overtheshoulder: 'Over the shoulder', seated: 'Seated', adjustingclothing: 'Adjusting clothing', playfulspin: 'Playful spin'
    }
  },
  'virtualModel.additionalProductImages': { label: 'More product images', help: 'One to four other views of the same garment.', group: 'Fashion', control: 'image-list' },
  'virtualModel.prompt': { label: 'Virtual model style', help: 'A few words on the look: "street style".', group: 'Fashion', control: 'prompt' },
  'virtualModel.quality': { label: 'Virtual model quality', help: 'Higher quality gives larger images (about 1K, 2K or 4K).', group: 'Fashion', values: { standard: 'Standard (~1K)', advanced: 'Advanced (~2K)', premium: 'Premium (~4K)' } },
  'virtualModel.size': { label: 'Virtual model size', help: 'The shape of the generated image.', group: 'Fashion', values: SIZES },
  'flatLay.mode': { label: 'Flat lay', help: 'Turn a garment photo into a flat lay.', group: 'Fashion', control: 'switch', values: ON },
  'flatLay.prompt': { label: 'Flat lay style', help: 'A few words on the look: "minimal white background".', group: 'Fashion', control: 'prompt' },
  'flatLay.size': { label: 'Flat lay size', help: 'The shape of the flat lay.', group: 'Fashion', values: SIZES },
  'ghostMannequin.mode': { label: 'Ghost mannequin', help: 'Show the garment as if worn by an invisible mannequin.', group: 'Fashion', control: 'switch', values: ON },
  'ghostMannequin.prompt': { label: 'Ghost mannequin style', help: 'A few words on the look: "clean studio".', group: 'Fashion', control: 'prompt' },
  'ghostMannequin.size': { label: 'Ghost mannequin size', help: 'The shape of the ghost mannequin image.', group: 'Fashion', values: SIZES },
  'ironing.mode': { label: 'Iron out creases', help: 'Smooth wrinkles out of garments.', group: 'Fashion', control: 'switch', values: ON },

  'export.format': {
    label: 'File format',
    help: 'PNG keeps transparency; JPEG (quality 80) is smaller; WebP and AVIF (quality 90) are smaller still.',
    group: 'Output',
    common: true,
    values: { png: 'PNG', jpeg: 'JPEG', jpg: 'JPEG (jpg)', webp: 'WebP', avif: 'AVIF' }
  },
  'export.dpi': { label: 'Pixel density (dpi)', help: 'Written into the file for print: 72 to 1200.', group: 'Output' },
  colorSpace: { label: 'Colour space', help: 'sRGB, or keep the photo’s own colour profile (PNG cut-outs only).', group: 'Output', values: { sRGB: 'sRGB', original: 'Keep the photo’s profile' } },
  preserveMetadata: {
    label: 'Keep metadata',
    help: 'Copy copyright and camera details from the photo into the result.',
    group: 'Output',
    values: { never: 'None', xmp: 'XMP (camera, copyright and more)', exifSubset: 'Copyright and comment (EXIF)', exifSubsetWithXmpCompatibility: 'Copyright and comment (EXIF and XMP)' },
    deprecatedValues: { exifSubset: '**Deprecated** — use `exifSubsetWithXmpCompatibility` instead. Will be removed in a future release.' }
  },

  templateId: { label: 'Template', help: 'The id of a Photoroom template to render the photo into.', group: 'Advanced' },
  layers: { label: 'Layers', help: 'Text and image layers over the result, as JSON.', group: 'Advanced', control: 'json' }
}
