import { PROVIDERS } from '../engine'

const names = PROVIDERS.map((p) => p.name)
const operationNames = [...new Set(PROVIDERS.flatMap((p) => p.operations.map((o) => o.operation)))]
const perProvider = PROVIDERS.map((p) => `${p.name}: ${p.operations.map((o) => o.operation).join(' or ')}`).join('; ')
const concurrency = PROVIDERS.map((p) => `${p.limits.concurrency} ${p.name}`).join(', ')

/** Written from the registry, so a new provider shows up here by itself. */
export const HELP = `Proofsheet batch: send photos through ${names.slice(0, -1).join(', ')} or ${names.at(-1)} from the command line.

Usage: npm run --silent batch -- [options] <files, folders or web addresses...>

  --provider ${PROVIDERS.map((p) => p.id).join('|')}
  --operation ${operationNames.join('|')}
                        ${perProvider}
  --param name=value    a parameter by the API's own name, repeatable:
                        background.color=FFFFFF  padding=0.1  shadow.mode=ai.soft
                        shadow.enabled=true  shadow.light_source.position.x=-0.3
                        prompt="warm light"  num_output_images=2
                        an image is its file's path, sent as the image itself:
                        background.guidance.imageFile=guides/marble.jpg
                        a field inside an object or list by its dotted name:
                        background.expandPrompt.mode=ai.never
                        virtualModel.additionalProductImages.0.imageFile=back.jpg
  --params file.json    parameters from a JSON object (--param wins; image paths in it
                        are relative to the file's folder)
  --preset FILE         a preset file exported from the app: its operation and values
                        (--provider and --operation may then be left out; --param wins;
                        image paths in it are relative to the preset file's folder)
  --urls FILE           photos by web address: one a line, or a Shopify or WooCommerce
                        product CSV (its image columns; results are named by product
                        handle). Listed addresses may not lead to this machine or the
                        local network (typed ones may). Each photo is fetched once and
                        sent by address where the API takes one (Photoroom edit,
                        Pixelcut, Phota); a new ETag or Last-Modified is a new purchase
  --out <folder>        where results go; input folders are mirrored inside
  --concurrency <n>     requests at once (default: ${concurrency})
  --rate <n>            at most n requests per second (default: each provider's published limit)
  --json                one JSON event per line on stdout (job changes, then a summary)
  --dry-run             check everything and estimate the cost; send nothing
  --no-fit              skip photos over the provider's limits instead of downscaling them
  --buy-again           buy again photos bought before whose result is not at hand (pruned,
                        lost to a full disk or refused as an answer) and whose output file
                        is gone or changed (otherwise they fail, unpaid)
  --watch               then keep watching the input folders: new photos run as their
                        writes finish, until Ctrl+C
  --queue redis://HOST:PORT   enqueue on the team queue and follow the photos, whichever workers
                        (npm run worker) do them; --work: this command works too (with
                        --results-dir DIR, the team's shared folder); --budget-cap N|none: the
                        team's cap. \`batch -- --queue redis://HOST:PORT status\` prints the queue
  --help

Keys: ${PROVIDERS.map((p) => p.keyVariable).join(', ')}.
Servers: ${PROVIDERS.flatMap((p) => Object.values(p.hosts).map((h) => h.env)).join(', ')} (e.g. the simulator).

Exit codes: 0 every photo done; 1 some photos failed; 2 bad usage; 3 credits ran out; 4 key rejected;
5 the provider cannot be reached; 6 a paid result could not be saved (a full disk): nothing more bought.
Finished results are remembered: running the same command again sends only what is left.

  npm run --silent batch -- cache            size of the kept results in the state folder
  npm run --silent batch -- cache --clear    clear their image bytes (purchase records stay)
State folder: PROOFSHEET_STATE_DIR, else ~/.local/state/proofsheet (Linux). Kept image bytes are
capped by PROOFSHEET_CACHE_MAX_BYTES (default 5 GB), oldest pruned first.
`
