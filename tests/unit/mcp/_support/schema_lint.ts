/**
 * The checks the MCP Inspector (v2, `--strict`) runs over tool schemas, as a pure function: a `type` array,
 * a schema that constrains nothing, a bare boolean where a schema belongs, a `$ref` outside the document.
 */
export interface SchemaFinding {
  rule: "type-union" | "untyped-schema" | "boolean-schema" | "remote-ref";
  path: string;
}

const BOOLEAN_VALUED = new Set([
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
]);
const SUBSCHEMA = ["items", "contains", "not", "propertyNames", "if", "then", "else", ...BOOLEAN_VALUED];
const SUBSCHEMA_LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAP = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
const CONSTRAINING = new Set([
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "items",
  "prefixItems",
  "contains",
  "properties",
  "patternProperties",
  "additionalProperties",
  "propertyNames",
  "$ref",
]);

export function schemaFindings(schema: unknown, path = "", keyword?: string): SchemaFinding[] {
  if (typeof schema === "boolean") {
    return keyword !== undefined && BOOLEAN_VALUED.has(keyword) ? [] : [{ rule: "boolean-schema", path }];
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return [];
  const node = schema as Record<string, unknown>;
  const found: SchemaFinding[] = [];
  if (Array.isArray(node.type)) found.push({ rule: "type-union", path });
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) found.push({ rule: "remote-ref", path });
  if (keyword !== "not" && !Object.keys(node).some((k) => CONSTRAINING.has(k))) {
    found.push({ rule: "untyped-schema", path });
  }
  for (const key of SUBSCHEMA_MAP) {
    const map = node[key];
    if (typeof map !== "object" || map === null) continue;
    for (const [name, sub] of Object.entries(map)) found.push(...schemaFindings(sub, `${path}.${name}`, key));
  }
  for (const key of SUBSCHEMA_LIST) {
    const list = node[key];
    if (Array.isArray(list)) {
      list.forEach((sub, i) => found.push(...schemaFindings(sub, `${path}.${key}[${i}]`, key)));
    }
  }
  for (const key of SUBSCHEMA) {
    if (key in node) found.push(...schemaFindings(node[key], `${path}.${key}`, key));
  }
  return found;
}
