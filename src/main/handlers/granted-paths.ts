import { realpath } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { inside } from '../../engine'
import { AppError } from '../app/app-error'

/** The real path of `path`, through its longest part that exists: a link anywhere along it is followed. */
async function realPathOf(path: string): Promise<string> {
  const rest: string[] = []
  for (let head = path; ; head = dirname(head)) {
    const real = await realpath(head).catch(() => null)
    if (real !== null) return join(real, ...rest.reverse())
    if (dirname(head) === head) return path
    rest.push(basename(head))
  }
}

/**
 * The paths the window may name: only ones main was given by the user — a native picker's answer, a
 * drop, a folder already in the catalog or watched, the output folder — and what lies inside them
 * (hidden folders excepted). Checked on real paths, so a link inside a granted folder leads nowhere
 * else. Where typed paths are allowed (the browser test harness), any path passes.
 */
export class GrantedPaths {
  private readonly chosen = new Set<string>()

  constructor(
    private readonly typedPaths: boolean,
    /** What main already holds, asked afresh each time: catalog roots, watched folders, the output folder. */
    private readonly held: () => string[]
  ) {}

  /** Paths the user gave main (a picker's answer): the window may name them, and what is inside them, from now on. */
  grant(paths: readonly string[]): void {
    for (const path of paths) this.chosen.add(resolve(path))
  }

  /**
   * `path`, resolved, when the window may name it; otherwise a refusal saying how to choose it, the
   * same whether or not the path exists (the window learns nothing about the disk from it).
   */
  async check(path: string, howToChoose: string): Promise<string> {
    const named = resolve(path)
    if (this.typedPaths) return named
    const real = await realPathOf(named)
    for (const granted of [...this.chosen, ...this.held()]) {
      const grantedReal = await realPathOf(resolve(granted))
      if (!inside(real, grantedReal)) continue
      // Hidden folders and files inside a granted folder (.config, .ssh) were never shown to the user.
      if (!relative(grantedReal, real).split(sep).some((part) => part.startsWith('.'))) return named
    }
    throw new AppError('invalid-input', howToChoose)
  }
}
