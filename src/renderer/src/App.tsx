export function App(): React.JSX.Element {
  return (
    <main className="placeholder">
      <h1>Proofsheet</h1>
      <p>Drop a folder of photos here to start a batch. The gallery arrives in the next release.</p>
    </main>
  )
}
