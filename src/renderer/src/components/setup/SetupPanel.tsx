import { useStore } from '../../store'
import { photoSelectors } from '../../store/photos-slice'
import { BudgetCapField } from './BudgetCapField'
import { KeyForm } from './KeyForm'
import { OutputFolderField } from './OutputFolderField'
import { TeamQueueField } from './TeamQueueField'

/** Setup in the left pane: where results go, the budget cap and the API keys. While the catalog is empty, the welcome in the middle holds it. */
export function SetupPanel(): React.JSX.Element {
  const empty = useStore(photoSelectors.total) === 0
  return (
    <section className="side-section" aria-label="Setup">
      <h2>Setup</h2>
      {empty ? (
        <p className="muted small">Keys, output folder and budget cap are in the middle of the window until you add photos.</p>
      ) : (
        <>
          <h3>Output folder</h3>
          <OutputFolderField />
          <h3>Budget cap</h3>
          <BudgetCapField />
          <KeyForm />
          <h3>Team queue</h3>
          <TeamQueueField />
        </>
      )}
    </section>
  )
}
