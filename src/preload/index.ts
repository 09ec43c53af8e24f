import { contextBridge } from 'electron'

// The typed IPC contract lands here; until then the renderer gets only the app's identity.
contextBridge.exposeInMainWorld('proofsheet', Object.freeze({ name: 'Proofsheet' }))
