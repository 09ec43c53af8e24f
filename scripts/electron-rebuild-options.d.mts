export function electronBuildFolder(nodeModules: string): string
export function electronRebuildOptions(o: { buildPath: string; electronVersion: string }): {
  buildPath: string
  projectRootPath: string
  electronVersion: string
  onlyModules: string[]
  force: boolean
  buildFromSource?: boolean
}
