import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findParam, photoroomEditParams, photoroomSegmentParams } from '../../src/engine/providers/photoroom/params/openapi'

const reference = resolve(__dirname, '../../../shared/reference/photoroom-openapi.json')

describe('the Photoroom OpenAPI document', () => {
  it.skipIf(!existsSync(reference))('is the same as the team reference copy', () => {
    const vendored = readFileSync(resolve(__dirname, '../../src/engine/providers/photoroom/params/openapi.json'), 'utf8')
    expect(JSON.parse(vendored)).toEqual(JSON.parse(readFileSync(reference, 'utf8')))
  })

  it('yields every /v2/edit parameter with its constraints, and the POST-only files', () => {
    expect(photoroomEditParams.length).toBeGreaterThan(80)
    expect(findParam(photoroomEditParams, 'imageUrl')).toBeUndefined()
    expect(findParam(photoroomEditParams, 'imageFile')?.file).toBe(true)
    expect(findParam(photoroomEditParams, 'editWithAI.additionalImages.ref1.imageFile')?.file).toBe(true)
    const radius = findParam(photoroomEditParams, 'background.blur.radius')
    expect(radius?.zod.safeParse(0.05).success).toBe(true)
    expect(radius?.zod.safeParse(0.051).success).toBe(false)
    expect(findParam(photoroomEditParams, 'shadow.mode')?.zod.safeParse('ai.soft').success).toBe(true)
  })

  it('yields the /v1/segment parameters', () => {
    expect(photoroomSegmentParams.map((p) => p.name).sort()).toEqual(['bg_color', 'channels', 'crop', 'despill', 'format', 'image_file', 'size'])
  })
})
