import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, isAbsolute, resolve } from 'node:path'
import type { ImageFormat } from '../../shared/images/formats'
import { sniffImageFormat } from '../../shared/images/sniff-format'
import type { OperationSchema, ParamProblem, ParamValues } from '../../shared/operations'
import { findDescriptor } from '../../shared/operations/common'
import type { JsonSchema } from '../../shared/params/json-schema'
import { fileLeaves, replaceFiles } from '../../shared/params/schema-walk'
import { JobError } from '../errors'
import { downloadLinkedImage } from './param-links'

/**
 * Images other than the photo that a request carries (a background, a guide image, a model's photo):
 * given as paths, sent as multipart file parts with their bytes. The bytes read here are the bytes
 * hashed into the purchase key and the bytes sent.
 */
export class ParamFile {
  constructor(
    readonly path: string,
    readonly bytes: Buffer,
    readonly sha256: string,
    readonly format: ImageFormat
  ) {}

  get name(): string {
    return basename(this.path)
  }

  /** Never the bytes, wherever values are written out. */
  toJSON(): { file: string; sha256: string } {
    return { file: this.path, sha256: this.sha256 }
  }
}

/** One parameter's schema: the whole value is a file for a `file` parameter, else its binary leaves are. */
function schemaOf(operation: OperationSchema, name: string): JsonSchema | undefined {
  const found = findDescriptor(operation.params, name)
  return found && !found.path.length ? found.descriptor.schema : undefined
}

function where(name: string, path: (string | number)[]): string {
  return [name, ...path].join('.')
}

/** Every file a set of values names: which parameter (dotted into objects and lists) and the path given. */
export function paramFilePaths(operation: OperationSchema, values: ParamValues): { param: string; path: string }[] {
  return Object.entries(values).flatMap(([name, value]) => {
    const schema = schemaOf(operation, name)
    if (!schema) return []
    return fileLeaves(schema, value).flatMap((leaf) => (typeof leaf.value === 'string' ? [{ param: where(name, leaf.path), path: leaf.value }] : []))
  })
}

/** The values with each file path made absolute against `folder` (the command's, or a preset file's). */
export function resolveParamPaths(operation: OperationSchema, values: ParamValues, folder: string): ParamValues {
  return mapFiles(operation, values, (leaf) => (typeof leaf === 'string' && leaf.trim() && !isAbsolute(leaf) ? resolve(folder, leaf) : leaf))
}

/** The values with each file leaf replaced; values that carry no file are the same objects. */
export function mapFiles(operation: OperationSchema, values: ParamValues, replace: (leaf: unknown, param: string) => unknown): ParamValues {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const schema = schemaOf(operation, name)
      return [name, schema ? replaceFiles(schema, value, (leaf, path) => replace(leaf, where(name, path))) : value]
    })
  )
}

const label = (operation: OperationSchema, param: string): string => findDescriptor(operation.params, param)?.descriptor.label ?? param

/** Why this path cannot be sent as this operation's image; null when it can. Reads only the first bytes. */
function fileProblem(operation: OperationSchema, path: string, size: number, head: Buffer): string | null {
  const { formats, maxBytes } = operation.inputLimits
  if (maxBytes !== undefined && size > maxBytes) return `is ${(size / 1024 / 1024).toFixed(1)} MB; ${operation.label} takes images up to ${maxBytes / 1024 / 1024} MB`
  const format = sniffImageFormat(head)
  if (!format) return 'is not an image'
  if (!formats.includes(format)) return `is a ${format.toUpperCase()} image; ${operation.label} takes ${formats.map((f) => f.toUpperCase()).join(', ')}`
  return null
}

const why = (error: unknown): string => ((error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as { code?: string }).code === 'EISDIR' ? 'is a folder' : 'cannot be read')

/** Each file the values name that cannot be sent, as a problem naming its parameter; for forms and the command line. */
export function paramFileProblems(operation: OperationSchema, values: ParamValues): ParamProblem[] {
  return paramFilePaths(operation, values).flatMap(({ param, path }) => {
    const problem = (text: string): ParamProblem[] => [{ param, message: `${label(operation, param)}: ${path} ${text}` }]
    if (!isAbsolute(path)) return problem('is not a full path')
    let fd: number | undefined
    try {
      const size = statSync(path).size
      fd = openSync(path, 'r')
      const head = Buffer.alloc(64)
      readSync(fd, head, 0, 64, 0)
      const text = fileProblem(operation, path, size, head)
      return text ? problem(text) : []
    } catch (error) {
      return problem(why(error))
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  })
}

/** Files already read, by path, size and time: the same guide image for a thousand photos is read once. */
export type ParamFileCache = Map<string, ParamFile>

/**
 * The values with every file path replaced by the file's bytes, read once and checked as an image the
 * operation takes; and each link the request cannot carry downloaded and sent as its file. A file that
 * cannot be sent is an invalid request naming its parameter.
 */
export async function attachParamFiles(operation: OperationSchema, values: ParamValues, cache: ParamFileCache = new Map()): Promise<ParamValues> {
  const read = new Map<string, ParamFile>()
  for (const { param, path } of paramFilePaths(operation, values)) read.set(path, await readParamFile(operation, param, path, cache))
  const attached = read.size ? mapFiles(operation, values, (leaf) => (typeof leaf === 'string' ? (read.get(leaf) ?? leaf) : leaf)) : values
  return downloadLinks(operation, attached, cache)
}

async function readParamFile(operation: OperationSchema, param: string, path: string, cache: ParamFileCache): Promise<ParamFile> {
  const fail = (text: string): JobError => new JobError('invalid-request', `${label(operation, param)}: ${path} ${text}`)
  const info = await stat(path).catch((error: unknown) => {
    throw fail(why(error))
  })
  const key = `${path}\0${info.size}\0${info.mtimeMs}`
  const known = cache.get(key)
  if (known) return known
  const bytes = await readFile(path).catch((error: unknown) => {
    throw fail(why(error))
  })
  const file = imageFile(operation, path, bytes, fail)
  cache.set(key, file)
  return file
}

function imageFile(operation: OperationSchema, path: string, bytes: Buffer, fail: (text: string) => JobError): ParamFile {
  const problem = fileProblem(operation, path, bytes.length, bytes)
  if (problem) throw fail(problem)
  return new ParamFile(path, bytes, createHash('sha256').update(bytes).digest('hex'), sniffImageFormat(bytes) as ImageFormat)
}

/** Links only the GET request takes, downloaded once and put under the file parameter's name (`…imageUrl` → `…imageFile`). */
async function downloadLinks(operation: OperationSchema, values: ParamValues, cache: ParamFileCache): Promise<ParamValues> {
  const templates = (operation.downloadedLinks ?? []).map((name) => findDescriptor(operation.params, name)?.descriptor.name ?? name)
  const linked = Object.entries(values).filter(([name, value]) => typeof value === 'string' && templates.includes(findDescriptor(operation.params, name)?.descriptor.name ?? ''))
  if (!linked.length) return values
  const out: ParamValues = { ...values }
  for (const [name, url] of linked as [string, string][]) {
    const fail = (text: string): JobError => new JobError('invalid-request', `${label(operation, name)}: ${url} ${text}`)
    let file = cache.get(url)
    if (!file) {
      const bytes = await downloadLinkedImage(url, operation.inputLimits.maxBytes ?? Number.MAX_SAFE_INTEGER).catch((error: Error) => {
        throw fail(error.message)
      })
      file = imageFile(operation, url, bytes, fail)
      cache.set(url, file)
    }
    delete out[name]
    out[name.replace(/imageUrl$/, 'imageFile')] = file
  }
  return out
}
