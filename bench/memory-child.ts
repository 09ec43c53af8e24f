import { Batch, findOperation, inputsFromPaths } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'

/** One batch in a fresh process; prints its peak resident memory. Arguments: folder, out, state, urls JSON. */
const [folder, out, state, urls] = process.argv.slice(2) as [string, string, string, string]
const operation = findOperation('photoroom', 'remove-background')
if (!operation) throw new Error('no remove-background')
const batch = new Batch({
  inputs: await inputsFromPaths([folder]),
  operation,
  values: {},
  outDir: out,
  apiKey: DEMO_KEYS.photoroom,
  urls: JSON.parse(urls) as never,
  stateDir: state,
  concurrency: 8,
  requestsPerSecond: 100_000
})
const summary = await batch.run()
process.stdout.write(JSON.stringify({ done: summary.counts.done, maxRssKb: process.resourceUsage().maxRSS }))
