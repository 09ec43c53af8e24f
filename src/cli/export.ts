import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import { Catalog } from '../main/catalog/catalog'
import { ExportOptionsError, exportPhotos, MARKETPLACE_IDS, OriginalsFolderError, STORE_RULES, TOKENS, type ExportEvent, type ExportSummary } from '../main/export'
import { UsageError } from './args'
import { EXIT } from './exit-codes'
import { parseExportCli, type ExportCliOptions } from './export-args'
import { userCwd } from './paths'

const HELP = `Proofsheet export: the photos approved in the app, from its catalog, to a folder.

Usage: npm run --silent export -- --out <folder> [options]

  --catalog <file>        the app's catalog.sqlite (default: in the app's user-data folder;
                          PROOFSHEET_USER_DATA when set)
  --all-done              every photo that has a result but the rejects, not only the approved (picked) ones
  --photo <id,id,...>     these photos (catalog ids), repeatable
  --template <text>       file names from ${TOKENS.map((t) => `{${t}}`).join(' ')}
                          (default {name}; {n:4} pads to 4 digits)
  --mirror                recreate each photo's folder under --out
  --sku-csv <file>        {sku} from a CSV of file name, SKU
  --sku-pattern <regex>   {sku} from the file name (the first group, or the whole match)
  --format jpeg|png|webp|avif   (default jpeg)   --quality <1-100> (default 90)
  --background <RRGGBB>   fill behind transparent results (JPEG: white unless given)
  --resize <W>x<H>        into a box; --fit fit|fill|pad (default fit)
  --dpi <n>               the DPI tag
  --no-exif               leave the original's EXIF out (camera, dates, copyright are copied)
  --gps                   copy the GPS position too (left out by default)
  --no-xmp                no XMP sidecars (rating, label, pick/reject)
  --no-manifest           no manifest.csv and manifest.json
  --shopify               a Shopify product CSV (shopify-products.csv) too
  --shopify-base-url <url>   Image Src as this URL plus the file's path (implies --shopify)
  --store-check ${MARKETPLACE_IDS.join('|')}   check each file against the store's image rules
  --concurrency <n>       photos at once
  --into-originals-folder export into a folder that holds originals of the catalog
                          (asked first otherwise; nothing there is ever replaced)
  --json                  one JSON event per line on stdout, then a summary
  --help

A re-export writes only files whose bytes would change; a file Proofsheet did not write is never
replaced (the photo gets " (2)" and the summary says so). Exit codes: 0 every photo exported;
1 some photos failed; 2 bad usage; 130 interrupted.
`

const out = (line: string): boolean => process.stdout.write(`${line}\n`)
const err = (line: string): boolean => process.stderr.write(`${line}\n`)

/** Failures are told as they happen; the rest is in the summary. */
function failure(event: ExportEvent): string | null {
  return event.type === 'photo' && event.state === 'failed' ? `failed   ${relative(userCwd(), event.source) || event.source} — ${event.reason}` : null
}

function summaryLines(s: ExportSummary, cli: ExportCliOptions): string[] {
  const where = relative(userCwd(), s.outDir) || '.'
  const lines = [`${s.cancelled ? 'Stopped' : 'Exported'}: ${s.written} written, ${s.unchanged} unchanged, ${s.failed} failed of ${s.total} photos in ${where}`]
  const { storeCheck } = cli.options
  if (storeCheck) {
    for (const r of s.records.filter((r) => r.storeCheck && !r.storeCheck.passed)) lines.push(`  ${r.output} fails ${STORE_RULES[storeCheck].name}: ${r.storeCheck!.reasons.join('; ')}`)
    lines.push(`${s.storeFailures} of ${s.records.filter((r) => r.storeCheck).length} photos fail ${STORE_RULES[storeCheck].name}'s image rules`)
  }
  for (const { name, exportedAs } of s.displaced) lines.push(`  ${name} was already there and not written by Proofsheet: left as it is, exported as ${exportedAs}`)
  if (s.manifests.length) lines.push(`Manifests: ${s.manifests.map((m) => relative(s.outDir, m)).join(', ')}`)
  return lines
}

async function main(argv: string[]): Promise<number> {
  let cli: ExportCliOptions
  try {
    cli = parseExportCli(argv, userCwd(), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err(`proofsheet export: ${error.message}\nRun with --help for usage.`)
    return EXIT.usage
  }
  if (cli.help) {
    process.stdout.write(HELP)
    return EXIT.ok
  }
  // Opening would create an empty catalog; a wrong path should say so instead.
  if (!existsSync(cli.catalog)) {
    err(`proofsheet export: no catalog at ${cli.catalog}. Start the app once, or give --catalog <file>.`)
    return EXIT.usage
  }
  const catalog = Catalog.open(cli.catalog)
  const controller = new AbortController()
  const interrupt = (): void => {
    err('\nStopping: photos already exported are kept; run again to finish.')
    controller.abort()
  }
  process.once('SIGINT', interrupt)
  try {
    const summary = await exportPhotos(catalog, cli.options, {
      signal: controller.signal,
      onEvent: (event) => {
        const { type, ...rest } = event
        if (cli.json) out(JSON.stringify({ event: type, ...rest }))
        const line = failure(event)
        if (line) err(line)
      }
    })
    const { records, ...counts } = summary
    if (cli.json) out(JSON.stringify({ event: 'summary', ...counts }))
    else for (const line of summaryLines(summary, cli)) out(line)
    if (summary.cancelled) return EXIT.interrupted
    return summary.failed > 0 ? EXIT.imagesFailed : EXIT.ok
  } catch (error) {
    if (!(error instanceof ExportOptionsError)) throw error
    err(`proofsheet export: ${error.message}${error instanceof OriginalsFolderError ? '\nAdd --into-originals-folder to export there.' : ''}`)
    return EXIT.usage
  } finally {
    process.off('SIGINT', interrupt)
    catalog.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    err(`proofsheet export: something unexpected went wrong: ${(error as Error).message}`)
    process.exitCode = EXIT.imagesFailed
  }
)
