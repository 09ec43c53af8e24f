import type { StateCreator } from 'zustand'
import type { ImageEntry, LibraryState, Preset } from '@shared/ipc/contract'
import type { Store } from './index'

export interface LibrarySlice {
  imagesById: Record<string, ImageEntry>
  imageIds: string[]
  preset: Preset | null
  operations: { id: string; label: string }[]
  typedPaths: boolean
  setLibrary(library: LibraryState): void
}

export const createLibrarySlice: StateCreator<Store, [], [], LibrarySlice> = (set) => ({
  imagesById: {},
  imageIds: [],
  preset: null,
  operations: [],
  typedPaths: false,
  setLibrary: (library) =>
    set({ imagesById: Object.fromEntries(library.images.map((i) => [i.id, i])), imageIds: library.images.map((i) => i.id), preset: library.preset })
})
