import { call } from '../api'
import { useAction } from '../components/use-action'
import { useStore } from '../store'
import { settingsSelectors } from '../store/settings-slice'
import type { PhotoRow } from '../store/types'
import type { Variant } from './use-variants'

/** Said as a cost: "1 image" alone reads as what came back (Photoroom's v2 plan counts images, its v1 credits). */
const costText = ({ amount, unit }: Variant['cost']): string => `cost ${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`
const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

/** Facts a provider sent with a result, in words: what a reviewer should know before choosing it. */
function factsOf(variant: Variant): string[] {
  const { uncertaintyScore, aiBackgroundSeed, textsDetected, unsupportedAttributes } = variant.facts
  return [
    // Photoroom's uncertainty about the cut-out (0 sure, 1 unsure; -1 for people, where it says nothing).
    uncertaintyScore !== undefined && uncertaintyScore >= 0 ? `cut-out ${Math.round((1 - uncertaintyScore) * 100)} % sure${uncertaintyScore > 0.5 ? ' — needs a look' : ''}` : '',
    aiBackgroundSeed ? `background seed ${aiBackgroundSeed}` : '',
    textsDetected ? `texts: ${textsDetected}` : '',
    ...(unsupportedAttributes ?? []).map((a) => `ignored: ${a}`)
  ].filter(Boolean)
}

/**
 * Every result of the photo, newest first: provider, operation, cost, date and the response facts.
 * Each output is a choice (Phota gives several); the chosen one is what review shows and export writes.
 */
export function VariantStrip({ photo, variants }: { photo: PhotoRow; variants: Variant[] }): React.JSX.Element | null {
  const operations = useStore(settingsSelectors.operations)
  if (!variants.length) return null
  const chosen = photo.shownResult
  // The operation's label, as the inspector's menu names it ("Photoroom background removal").
  const label = (provider: string, operation: string): string => operations.find((o) => o.id === `${provider}.${operation}`)?.label ?? `${provider} ${operation}`
  return (
    <ol className="variant-strip" aria-label="Variants">
      {variants.map((variant, n) => (
        <li key={variant.id} className="variant">
          <div className="variant-facts">
            <strong>
              {variants.length - n}. {label(variant.provider, variant.operation)}
            </strong>
            <span>
              {variant.sandbox ? 'sandbox (free, watermarked)' : costText(variant.cost)} · {when(variant.createdAt)}
            </span>
            {factsOf(variant).map((fact) => (
              <span key={fact} className="fact">
                {fact}
              </span>
            ))}
            {variant.facts.aiBackgroundSeed && <RerunWithSeed photo={photo} seed={variant.facts.aiBackgroundSeed} />}
            {variant.facts.editFurtherUrl && <OpenInPhotoroom resultId={variant.id} />}
          </div>
          <div className="variant-outputs">
            {variant.outputs.map((_, index) => {
              const isChosen = chosen?.id === variant.id && chosen.output === index
              return (
                <button
                  key={index}
                  type="button"
                  className="variant-output"
                  aria-pressed={isChosen}
                  title={isChosen ? 'Chosen: this is what export writes' : 'Choose this output'}
                  onClick={() => void call('chooseVariant', { photoId: photo.id, resultId: variant.id, output: index })}
                >
                  <img alt={`Variant ${variants.length - n}, output ${index + 1}`} src={window.proofsheet.imageUrl({ kind: 'result-preview', resultId: variant.id, index })} loading="lazy" />
                </button>
              )
            })}
          </div>
        </li>
      ))}
    </ol>
  )
}

/** The same AI background again on a later run: the seed becomes this photo's override, and the photo runs alone once its cost is confirmed. */
function RerunWithSeed({ photo, seed }: { photo: PhotoRow; seed: string }): React.JSX.Element {
  const { error, busy, run } = useAction()
  const askToRun = useStore((s) => s.askToRun)
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            await call('setOverrides', { photoId: photo.id, values: { ...photo.overrides, 'background.seed': Number(seed) } })
            askToRun({ photoIds: [photo.id], title: 'Re-run with this seed' })
          })
        }
      >
        Re-run with this seed
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  )
}

/** Photoroom's link to keep editing this result on its site; main opens it in the browser. */
function OpenInPhotoroom({ resultId }: { resultId: number }): React.JSX.Element {
  const { error, busy, run } = useAction()
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(() => call('openInPhotoroom', { resultId }))}>
        Open in Photoroom
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  )
}
