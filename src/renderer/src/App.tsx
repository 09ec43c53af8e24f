import { useEffect, useState } from 'react'
import { connect } from './store'
import { onCommand, useShortcuts } from './components/commands'
import { Gallery } from './components/gallery/Gallery'
import { Inspector } from './components/inspector/Inspector'
import { Splitter } from './components/layout/Splitter'
import { useRemembered } from './components/layout/use-remembered'
import { StatusBar } from './components/run/StatusBar'
import { Toolbar } from './components/run/Toolbar'
import { DropOverlay } from './components/sources/DropOverlay'
import { FoldersPanel } from './components/sources/FoldersPanel'
import { PresetsPanel } from './components/sources/PresetsPanel'
import { SetupPanel } from './components/setup/SetupPanel'
import { SourcesPanel } from './components/sources/SourcesPanel'
import { WatchPanel } from './components/sources/WatchPanel'
import { SkipToPhotos } from './components/keyboard/SkipToPhotos'
import { Loupe } from './review/Loupe'

/** Sources, folders and presets on the left; the gallery in the centre; the inspector on the right. */
export function App(): React.JSX.Element {
  const [problem, setProblem] = useState<string | null>(null)
  const [left, setLeft] = useRemembered('leftPane', 260)
  const [right, setRight] = useRemembered('rightPane', 340)
  useShortcuts()
  useEffect(() => {
    const connection = connect(onCommand).catch((error: Error) => {
      setProblem(error.message)
      return () => undefined
    })
    return () => void connection.then((disconnect) => disconnect())
  }, [])

  return (
    <div className="app" style={{ gridTemplateColumns: `${left}px auto minmax(320px, 1fr) auto ${right}px` }}>
      <SkipToPhotos />
      <Toolbar />
      <nav className="sidebar" aria-label="Sources, folders and presets">
        {problem && <p role="alert">{problem}</p>}
        <SourcesPanel />
        <WatchPanel />
        <FoldersPanel />
        <PresetsPanel />
        <SetupPanel />
      </nav>
      <Splitter label="Resize the left pane" side="left" width={left} onResize={setLeft} />
      <Gallery />
      <Splitter label="Resize the inspector" side="right" width={right} onResize={setRight} max={640} />
      <Inspector />
      <StatusBar />
      <DropOverlay />
      <Loupe />
    </div>
  )
}
