/** A JSON Schema fragment, as an API's documentation writes it or zod produces it. */
export type JsonSchema = Record<string, unknown>
