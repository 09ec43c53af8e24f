import type { ExportOptions } from '@shared/export/options'
import { EXPORT_FORMATS } from '@shared/images/formats'
import type { MarketplaceId } from '@shared/marketplaces'

/** What the export dialog edits: close to the options main takes, with the text fields as typed. */
export interface ExportForm {
  which: 'approved' | 'done' | 'selected'
  outDir: string
  template: string
  mirrorFolders: boolean
  skuFrom: 'none' | 'csv' | 'pattern'
  skuCsv: string
  skuPattern: string
  format: (typeof EXPORT_FORMATS)[number]
  quality: number
  background: string
  resize: boolean
  width: string
  height: string
  fit: 'fit' | 'fill' | 'pad'
  dpi: string
  exif: boolean
  gps: boolean
  xmpSidecars: boolean
  manifest: boolean
  shopify: boolean
  baseUrl: string
  storeCheck: MarketplaceId | ''
}

/** As the command line's defaults: names as the originals, JPEG 90, EXIF without GPS, sidecars and the manifest. */
export const DEFAULT_FORM: ExportForm = {
  which: 'approved',
  outDir: '',
  template: '{name}',
  mirrorFolders: false,
  skuFrom: 'none',
  skuCsv: '',
  skuPattern: '',
  format: 'jpeg',
  quality: 90,
  background: '',
  resize: false,
  width: '2000',
  height: '2000',
  fit: 'fit',
  dpi: '',
  exif: true,
  gps: false,
  xmpSidecars: true,
  manifest: true,
  shopify: false,
  baseUrl: '',
  storeCheck: ''
}

/** The selection, naming and SKUs: what the name preview needs. */
export function namingOf(form: ExportForm, selected: readonly number[]): Pick<ExportOptions, 'selection' | 'template' | 'mirrorFolders' | 'sku' | 'format' | 'xmpSidecars'> {
  const sku = form.skuFrom === 'csv' && form.skuCsv.trim() ? { csv: form.skuCsv.trim() } : form.skuFrom === 'pattern' && form.skuPattern ? { pattern: form.skuPattern } : undefined
  return {
    selection: form.which === 'selected' ? { kind: 'photos', photoIds: [...selected] } : { kind: form.which },
    template: form.template,
    mirrorFolders: form.mirrorFolders,
    format: form.format,
    xmpSidecars: form.xmpSidecars,
    ...(sku ? { sku } : {})
  }
}

/** The whole export as main checks it; main refuses what is wrong, naming the option. */
export function optionsOf(form: ExportForm, selected: readonly number[], intoOriginalsFolder: boolean): ExportOptions {
  const number = (text: string): number => Number(text.trim())
  return {
    ...namingOf(form, selected),
    intoOriginalsFolder,
    outDir: form.outDir.trim(),
    quality: form.quality,
    exif: form.exif,
    gps: form.gps,
    manifest: form.manifest,
    ...(form.background ? { background: form.background } : {}),
    ...(form.resize ? { resize: { width: number(form.width), height: number(form.height), fit: form.fit } } : {}),
    ...(form.dpi.trim() ? { dpi: number(form.dpi) } : {}),
    ...(form.shopify ? { shopify: form.baseUrl.trim() ? { baseUrl: form.baseUrl.trim() } : {} } : {}),
    ...(form.storeCheck ? { storeCheck: form.storeCheck } : {})
  }
}
