import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { REQUESTS, channelFor, type EventName } from '../../shared/ipc/channels'
import type { ProviderId } from '../../engine'
import type { EmitEvent, Envelope, EventPayload, Handlers } from '../../shared/ipc/contract'
import { dispatch, type LogError } from '../ipc/dispatch'
import { isTrustedSender } from '../ipc/trusted-sender'

/** Registers every request of the contract, and nothing else, behind one sender check. */
export function registerIpc(handlers: Handlers<ProviderId>, rendererUrl: string, log: LogError): () => void {
  for (const name of REQUESTS) {
    ipcMain.handle(channelFor(name), (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
      const frame = event.senderFrame
      if (!isTrustedSender(frame?.url, frame === event.sender.mainFrame, rendererUrl)) {
        return { ok: false, error: { code: 'invalid-input', message: 'Refused: the request did not come from Proofsheet’s own window.' } }
      }
      return dispatch(handlers, name, input, log)
    })
  }
  return () => REQUESTS.forEach((name) => ipcMain.removeHandler(channelFor(name)))
}

/** Events go to the one window, if it is still open. */
export function windowEmitter(getWindow: () => BrowserWindow | null): EmitEvent {
  return <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const window = getWindow()
    if (window && !window.isDestroyed()) window.webContents.send(channelFor(event), payload)
  }
}
