/**
 * Zod pieces whose JSON Schema every client can use and that keep `tools/list` small. Each compiles under
 * Ajv's strict mode and passes the MCP Inspector's portability lint (no `type` arrays, no schema that
 * constrains nothing).
 *
 * Some keywords are unset through `.meta({ key: undefined })`: Zod's JSON Schema output is a JSON round trip,
 * so an undefined keyword disappears. tests/unit/mcp/server/tool_schemas_test.ts checks the result.
 */
import { z } from "zod";

/**
 * `z.string().or(NULL)` instead of `.nullable()`: Zod writes `.nullable()` as `type: ["string", "null"]`,
 * which the Inspector flags; this keeps `anyOf: [{ type: "string" }, { const: null }]` (a branch with a
 * `const` is one Zod does not fold back into a `type` array).
 */
export const NULL = z.literal(null).meta({ type: undefined });

/** A free-form JSON object, written `{ type: "object", additionalProperties: true }` as the Inspector suggests. */
export function freeObject() {
  return z.record(z.string(), z.unknown()).meta({ additionalProperties: true, propertyNames: undefined });
}

/**
 * A tool's input or output object without Zod's `$schema: draft-07` line (50 bytes per schema, twice per
 * tool). MCP reads a schema without `$schema` as JSON Schema 2020-12, which these schemas also are.
 */
export function toolObject<T extends z.ZodObject>(schema: T): T {
  return schema.meta({ $schema: undefined }) as T;
}

/** How a nested object is listed: any object. Zod still checks its full shape when the tool answers. */
const LISTED_AS_ANY_OBJECT = { properties: undefined, required: undefined, additionalProperties: true };

/**
 * A tool's output object as `tools/list` shows it: every top-level field typed, objects nested below them
 * (rows of lists, a preview, a confirmed tool's result) listed as free-form objects. Nested shapes made up
 * most of `tools/list`; the SDK still validates `structuredContent` against the full zod schema before it
 * answers, so a wrong shape is still an error.
 */
export function outputObject(shape: z.ZodRawShape): z.ZodObject {
  const listed: Record<string, z.core.$ZodType> = {};
  for (const [key, field] of Object.entries(shape)) listed[key] = nestedFreeForm(field as z.ZodType);
  // No `additionalProperties: false` (28 bytes per tool): clients only read these fields, and the SDK checks
  // the full zod schema (which strips anything else) before it answers.
  return toolObject(z.object(listed).meta({ additionalProperties: undefined }));
}

function nestedFreeForm(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return schema.meta(LISTED_AS_ANY_OBJECT);
  const listed = schema instanceof z.ZodArray
    ? z.array(nestedFreeForm(schema.element as z.ZodType))
    : schema instanceof z.ZodOptional
    ? nestedFreeForm(schema.unwrap() as z.ZodType).optional()
    : schema instanceof z.ZodUnion
    ? z.union((schema.options as z.ZodType[]).map(nestedFreeForm) as [z.ZodType, z.ZodType])
    : null;
  if (listed === null) return schema;
  const meta = z.globalRegistry.get(schema);
  return meta ? listed.meta(meta) : listed;
}
