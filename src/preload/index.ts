import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createBridge } from '../shared/ipc/bridge'
import { IMAGE_SCHEME, channelFor } from '../shared/ipc/channels'

// Exactly the contract: one function per request, one removable subscription per event, no raw ipcRenderer.
contextBridge.exposeInMainWorld(
  'proofsheet',
  createBridge({
    invoke: (channel, input) => ipcRenderer.invoke(channelFor(channel), input),
    subscribe(event, listener) {
      const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(channelFor(event), forward)
      return () => void ipcRenderer.removeListener(channelFor(event), forward)
    },
    imageBase: `${IMAGE_SCHEME}://image/`,
    pathOf: (file) => webUtils.getPathForFile(file)
  })
)
