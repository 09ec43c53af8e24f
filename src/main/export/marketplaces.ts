/**
 * Marketplace image rules (facts from shared/reference/marketplaces.md). They are defaults: a caller
 * may pass its own rule, e.g. Amazon's 500 px hard minimum instead of the 1,000 px that enables zoom.
 */
import type { MarketplaceId } from '../../shared/marketplaces'
export { MARKETPLACE_IDS, type MarketplaceId } from '../../shared/marketplaces'

export interface StoreRule {
  name: string
  /** Every pixel along the edges and in the corners is 255,255,255 and opaque. */
  whiteBackground: boolean
  /** Share of the frame's width or height (whichever is larger) the product's bounding box spans, 0–1. */
  minFill?: number
  minLongestSide?: number
  minShortestSide?: number
  maxSide?: number
  maxPixels?: number
  maxBytes?: number
  /** Formats as sharp names them; any format when absent. */
  formats?: readonly string[]
}

export const STORE_RULES: Record<MarketplaceId, StoreRule> = {
  amazon: {
    name: 'Amazon',
    whiteBackground: true,
    minFill: 0.85,
    minLongestSide: 1000,
    maxSide: 10_000,
    maxBytes: 10_000_000,
    formats: ['jpeg', 'png', 'tiff', 'gif']
  },
  shopify: { name: 'Shopify', whiteBackground: false, maxSide: 5000, maxPixels: 25_000_000, maxBytes: 20_000_000 },
  etsy: { name: 'Etsy', whiteBackground: false, minShortestSide: 2000 }
}
