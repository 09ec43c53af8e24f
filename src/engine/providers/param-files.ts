import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, isAbsolute, resolve } from 'node:path'
import { FORMATS, type ImageFormat } from '../../shared/images/formats'
import { sniffImageFormat } from '../../shared/images/sniff-format'
import type { OperationSchema, ParamProblem, ParamValues } from '../../shared/operations'
import { findDescriptor } from '../../shared/operations/common'
import type { JsonSchema } from '../../shared/params/json-schema'
import { fileLeaves, replaceFiles } from '../../shared/params/schema-walk'
import { JobError } from '../errors'

/**
 * Images other than the photo that a request carries (a background, a guide image, a model's photo):
 * given as paths, sent as multipart file parts with their bytes. The bytes read here are the bytes
 * hashed into the purchase key and the bytes sent.
 */
export class ParamFile {
  private cachedBlob: Blob | undefined

  constructor(
    readonly path: string,
    readonly bytes: Buffer,
    readonly sha256: string,
    readonly format: ImageFormat
  ) {}

  get name(): string {
    return basename(this.path)
  }

  /** The bytes as a file part; made once, however many requests send it. */
  get blob(): Blob {
    this.cachedBlob ??= new Blob([new Uint8Array(this.bytes)], { type: FORMATS[this.format].mime })
    return this.cachedBlob
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
 * operation takes. A file that cannot be sent is an invalid request naming its parameter.
 */
export async function attachParamFiles(operation: OperationSchema, values: ParamValues, cache: ParamFileCache = new Map()): Promise<ParamValues> {
  const wanted = paramFilePaths(operation, values)
  if (!wanted.length) return values
  const read = new Map<string, ParamFile>()
  for (const { param, path } of wanted) {
    const fail = (text: string): JobError => new JobError('invalid-request', `${label(operation, param)}: ${path} ${text}`)
    const info = await stat(path).catch((error: unknown) => {
      throw fail(why(error))
    })
    const key = `${path}\0${info.size}\0${info.mtimeMs}`
    let file = cache.get(key)
    if (!file) {
      const bytes = await readFile(path).catch((error: unknown) => {
        throw fail(why(error))
      })
      const problem = fileProblem(operation, path, bytes.length, bytes)
      if (problem) throw fail(problem)
      file = new ParamFile(path, bytes, createHash('sha256').update(bytes).digest('hex'), sniffImageFormat(bytes) as ImageFormat)
      cache.set(key, file)
    }
    read.set(path, file)
  }
  return mapFiles(operation, values, (leaf) => (typeof leaf === 'string' ? (read.get(leaf) ?? leaf) : leaf))
}
