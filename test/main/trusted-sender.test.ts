import { expect, test } from 'vitest'
import { isTrustedSender } from '../../src/main/ipc/trusted-sender'

// Windows: the bundle's URL as Node's pathToFileURL writes it (the drive letter as the user launched it)
// and as Chromium reports the frame (drive letter upper case); spaces and non-ASCII in the user name.
const winNode = 'file:///c:/Users/Ana%20L%C3%BAcia/AppData/Local/Programs/Proofsheet/resources/app.asar/out/renderer/index.html'
const winChromium = 'file:///C:/Users/Ana%20L%C3%BAcia/AppData/Local/Programs/Proofsheet/resources/app.asar/out/renderer/index.html'
const winShare = 'file://FILESERVER/Apps/Proofsheet/resources/app.asar/out/renderer/index.html'
// macOS: the app bundle, a checkout in a folder with a space, and a name in decomposed Unicode (as HFS+ stored it).
const macApp = 'file:///Applications/Proofsheet.app/Contents/Resources/app.asar/out/renderer/index.html'
const macDev = 'file:///Users/ana/Fotos%20de%20Jos%C3%A9/proofsheet/out/renderer/index.html'
const macDevDecomposed = 'file:///Users/ana/Fotos%20de%20Jose%CC%81/proofsheet/out/renderer/index.html'

test.each([
  ['Windows: Chromium’s upper-case drive against a lower-case launch', winChromium, winNode, true],
  ['Windows: the same URL', winNode, winNode, true],
  ['Windows: lower-case percent escapes', winChromium.replace('%C3%BA', '%c3%ba'), winNode, true],
  ['Windows: a route in the hash', `${winChromium}#/review`, winNode, true],
  ['Windows: path case differs (case-insensitive file system)', winChromium.replace('/Programs/', '/programs/'), winNode, true],
  ['Windows: a UNC share, host in another case', winShare.replace('FILESERVER', 'fileserver'), winShare, true],
  ['Windows: another file in the same folder', winChromium.replace('index.html', 'evil.html'), winNode, false],
  ['Windows: a page in Downloads', 'file:///C:/Users/Ana%20L%C3%BAcia/Downloads/index.html', winNode, false],
  ['Windows: another drive', winChromium.replace('file:///C:', 'file:///D:'), winNode, false],
  ['Windows: another share', winShare.replace('FILESERVER', 'OTHER'), winShare, false],
  ['macOS: the app bundle', macApp, macApp, true],
  ['macOS: a space and an accent', macDev, macDev, true],
  ['macOS: decomposed against composed Unicode', macDevDecomposed, macDev, true],
  ['macOS: path case differs', macApp.replace('/Applications/', '/applications/'), macApp, false],
  ['macOS: another file', macApp.replace('index.html', 'x.html'), macApp, false],
  ['a web page', 'https://example.com/index.html', macApp, false],
  ['a bad escape', 'file:///C:/Users/%E0%A4%A/index.html', winNode, false]
])('%s', (_case, frame, bundle, trusted) => {
  expect(isTrustedSender(frame, true, bundle)).toBe(trusted)
})

test('a frame that is not the top frame is refused, even from the bundle', () => {
  expect(isTrustedSender(winChromium, false, winNode)).toBe(false)
  expect(isTrustedSender(undefined, true, winNode)).toBe(false)
})

test('in development only the dev server’s origin passes', () => {
  expect(isTrustedSender('http://localhost:5173/#/x', true, 'http://localhost:5173/')).toBe(true)
  expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173/')).toBe(false)
  expect(isTrustedSender('file:///C:/x/index.html', true, 'http://localhost:5173/')).toBe(false)
})
