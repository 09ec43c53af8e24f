export function electronBinary(require: (id: string) => unknown, exists: (path: string) => boolean): { path: string; problem?: undefined } | { problem: string; path?: undefined }
export function sandboxProblem(o: {
  platform: string
  env: Record<string, string | undefined>
  electronPath: string
  readText(path: string): string | null
  ownerAndMode(path: string): { uid: number; mode: number } | null
}): string | null
