/** arr-mcp's name and version, as the MCP handshake and /api/status report them. */
export const SERVER_NAME = "arr-mcp";
export const SERVER_VERSION = "0.1.0";
