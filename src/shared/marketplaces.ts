/** The stores Proofsheet checks images for and exports product files to; their rules live with the export in main. */
export const MARKETPLACE_IDS = ['amazon', 'shopify', 'etsy'] as const
export type MarketplaceId = (typeof MARKETPLACE_IDS)[number]

/** How the window names each store's check. */
export const MARKETPLACE_NAMES: Record<MarketplaceId, string> = { amazon: 'Amazon main image', shopify: 'Shopify', etsy: 'Etsy' }
