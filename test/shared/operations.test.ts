import { describe, expect, it } from 'vitest'
import { allOperations, findOperation } from '../../src/engine/providers/registry'
import { problemText } from '../../src/shared/operations/common'

const op = (provider: 'photoroom' | 'pixelcut' | 'phota', name: string) => {
  const found = findOperation(provider, name)
  if (!found) throw new Error('missing')
  return found
}

describe('operation schemas', () => {
  it('put every Photoroom edit parameter in a photographer\'s section, model headers included', () => {
    const groups = new Set(op('photoroom', 'edit').params.map((p) => p.group))
    for (const g of ['Background', 'Shadow', 'Light', 'Subject', 'Framing and size', 'Text', 'AI edits', 'Fashion', 'Output', 'Advanced']) expect(groups, g).toContain(g)
    const header = op('photoroom', 'edit').params.find((p) => p.name === 'pr-ai-background-model-version')
    expect(header).toMatchObject({ header: true, kind: 'enum', options: ['3', 'background-studio-beta-2025-03-17', '2'], group: 'Background', label: 'AI background model' })
  })

  it('carry type, range, default, a label, one-line help and the API\'s own description', () => {
    const outline = op('photoroom', 'edit').params.find((p) => p.name === 'outline.width')
    expect(outline).toMatchObject({ kind: 'number', minimum: 0, maximum: 0.1, default: 0.03, group: 'Subject', label: 'Outline width' })
    expect(outline?.description).not.toContain('\n')
    expect(outline?.help).not.toContain('\n')
    const x = op('pixelcut', 'remove-background').params.find((p) => p.name === 'shadow.light_source.position.x')
    expect(x).toMatchObject({ kind: 'number', minimum: -1, maximum: 1, default: -0.3 })
    expect(op('phota', 'edit').params.find((p) => p.name === 'num_output_images')).toMatchObject({ kind: 'integer', minimum: 1, maximum: 4, label: 'Variants' })
  })

  it('parse command-line text into each parameter type', () => {
    const edit = op('photoroom', 'edit')
    expect(edit.parseValue('padding', '0.1')).toBe(0.1)
    expect(edit.parseValue('padding', '30%')).toBe('30%')
    expect(edit.parseValue('removeBackground', 'false')).toBe(false)
    expect(edit.parseValue('background.color', 'FFFFFF')).toBe('FFFFFF')
    expect(edit.parseValue('shadow.directionOverride', '45')).toBe(45)
    expect(op('phota', 'edit').parseValue('num_output_images', '2')).toBe(2)
  })

  it('warn about parameters the provider would ignore', () => {
    expect(op('photoroom', 'edit').validate({ 'background.prompt': 'sea', 'background.negativePrompt': 'people' }).warnings).toEqual([
      { param: 'background.negativePrompt', message: 'Leave out of the AI background only has an effect with AI background model Previous (v2)' }
    ])
    expect(op('photoroom', 'edit').validate({ 'background.prompt': 'sea', 'background.negativePrompt': 'people', 'pr-ai-background-model-version': '2' }).warnings).toEqual([])
  })

  it('estimate cost from the parameters', () => {
    expect(op('photoroom', 'remove-background').cost({ size: 'preview' })).toEqual({ amount: 0.25, unit: 'credits' })
    expect(op('photoroom', 'edit').cost({})).toEqual({ amount: 1, unit: 'images' })
    expect(op('photoroom', 'edit').cost({}, { sandbox: true }).amount).toBe(0)
    expect(op('pixelcut', 'remove-background').cost({ 'shadow.enabled': true })).toEqual({ amount: 4, unit: 'credits' })
    expect(op('pixelcut', 'remove-background').cost({ 'shadow.enabled': false })).toEqual({ amount: 1, unit: 'credits' })
    expect(op('phota', 'edit').cost({ num_output_images: 3 }).amount).toBe(3)
  })

  it('give AI features more time than a plain cut-out', () => {
    const edit = op('photoroom', 'edit')
    expect(edit.timeoutMs({ 'lighting.mode': 'ai.auto', 'background.prompt': 'sea' })).toBeGreaterThan(edit.timeoutMs({}))
    expect(op('phota', 'edit').timeoutMs({})).toBeGreaterThan(600_000)
  })

  it('exist for every provider and operation the CLI names', () => {
    expect(allOperations().map((o) => o.id)).toEqual(['photoroom.remove-background', 'photoroom.edit', 'pixelcut.remove-background', 'phota.edit'])
  })
})

describe('validation problems', () => {
  it('name the parameter a wrong value or a broken rule is about, in words that say what is allowed', () => {
    const edit = op('photoroom', 'edit')
    expect(edit.validate({ 'shadow.mode': 'ai.dramatic' }).errors).toEqual([{ param: 'shadow.mode', message: expect.stringMatching(/^Shadow must be one of ai\.soft/) }])
    expect(edit.validate({ 'background.prompt': 'sea', 'background.imageFile': '/photos/bg.jpg' }).errors).toEqual([
      { param: 'background.prompt', message: "AI background and Background image can't be used together: choose one" }
    ])
    expect(edit.validate({ padding: '70%' }).errors).toEqual([{ param: 'padding', message: expect.stringContaining('a percentage up to 49%') }])
    expect(edit.validate({ outputSize: '2000 by 2000' }).errors).toEqual([{ param: 'outputSize', message: "Output size must be a width and height like 2000x2000, or 'originalImage', 'croppedSubject' or 'auto'" }])
    expect(op('pixelcut', 'remove-background').validate({ 'shadow.opacity': 1.5 }).errors).toEqual([{ param: 'shadow.opacity', message: 'Shadow strength must be a number from 0 to 1' }])
    expect(op('phota', 'edit').validate({ prompt: 'x', quality: 'high' }).errors).toEqual([{ param: 'quality', message: 'Quality works only with the GPT Image 2 model: choose it, or leave Quality empty' }])
    expect(op('photoroom', 'remove-background').keyProblem('sandbox_sk_pr_1234')).toMatchObject({ param: 'key' })
  })

  it('read as one line each: the message alone when it names its parameter', () => {
    expect(problemText({ param: 'shadow.mode', message: 'must be one of ai.soft, ai.hard' })).toBe('shadow.mode: must be one of ai.soft, ai.hard')
    expect(problemText({ param: 'background.prompt', message: "background.prompt and background.imageUrl can't be provided together" })).toBe(
      "background.prompt and background.imageUrl can't be provided together"
    )
    expect(problemText({ param: 'shadow', message: 'shadow.mode is set' })).toBe('shadow: shadow.mode is set')
  })
})
