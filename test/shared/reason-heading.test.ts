import { expect, test } from 'vitest'
import { CORPUS, CORPUS_OUTCOMES } from '../helpers/corpus'
import { reasonHeading } from '../../src/shared/reason-heading'

test('every skip reason of the mixed folder gets a short heading a photographer recognises', () => {
  const heading = (name: string): string => reasonHeading(CORPUS_OUTCOMES[name]?.reason)
  expect(heading(CORPUS.pixelBomb)).toBe('Too many pixels')
  expect(heading(CORPUS.gigaBomb)).toBe('Too many pixels')
  expect(heading(CORPUS.lyingPng)).toBe('Damaged file')
  expect(heading(CORPUS.cutShort)).toBe('Damaged file')
  expect(heading(CORPUS.brokenHeic)).toBe('Damaged file')
  expect(heading(CORPUS.rawPair)).toBe('RAW: its JPEG is sent')
  expect(heading(CORPUS.rawSmallPreview)).toBe('RAW with no usable preview')
  expect(heading(CORPUS.rawNoPreview)).toBe('RAW with no usable preview')
  expect(reasonHeading("inside the output folder: Proofsheet's own results are not sent again")).toBe('Already a result')
})

test('an unknown reason is headed by its first clause', () => {
  expect(reasonHeading('the provider refused this image: 400')).toBe('The provider refused this image')
  expect(reasonHeading(undefined)).toBe('No reason given')
})
