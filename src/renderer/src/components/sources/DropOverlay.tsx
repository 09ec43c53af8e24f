import { useEffect, useState } from 'react'
import { useStore } from '../../store'

const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false

/**
 * Files and folders dropped anywhere on the window are added. The page never reads their paths:
 * it hands the File objects to the preload, which asks Electron for each one's path.
 */
export function DropOverlay(): React.JSX.Element | null {
  const [over, setOver] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    // dragenter and dragleave fire for every child crossed: count them to know when the drag left the window.
    let depth = 0
    const enter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      depth++
      setOver(true)
    }
    const leave = (): void => {
      depth = Math.max(0, depth - 1)
      if (!depth) setOver(false)
    }
    const overWindow = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent): void => {
      e.preventDefault()
      depth = 0
      setOver(false)
      const files = [...(e.dataTransfer?.files ?? [])]
      if (!files.length) return
      void window.proofsheet.dropped(files).then((answer) => {
        if (answer.ok) {
          useStore.getState().setNotAdded(answer.value.skipped)
          setProblem(null)
        } else setProblem(answer.error.message.includes('paths') ? 'Nothing here can be added: drop photos or folders from your disk.' : answer.error.message)
      })
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', overWindow)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', overWindow)
      window.removeEventListener('drop', drop)
    }
  }, [])
  if (problem && !over)
    return (
      <p role="alert" className="drop-problem" onClick={() => setProblem(null)}>
        {problem}
      </p>
    )
  if (!over) return null
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <p>Drop to add photos and folders</p>
    </div>
  )
}
