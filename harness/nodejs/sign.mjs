// One signing process (started by driver.mjs): NODE_CONFIG_DIR already holds this group's secret.
// Provides the global `documentService` the snippet extends, loads the snippet once, then signs each
// case of stdin (JSON lines) and writes one JSON line per case to fd 3 (stdout is for diagnostics).
import { readdirSync, readFileSync, writeSync } from "node:fs"

const snippetDir = "/app/snippet/"
const [snippet] = readdirSync(snippetDir)

globalThis.documentService = {}
let loadError = null
try {
  await import(snippetDir + snippet)
} catch (error) {
  loadError = error
}

// jwtparity writes each case with its id first, so a line that does not parse still names its case.
const leadingId = (line) => {
  const match = /^\{"id": ("(?:[^"\\]|\\.)*")/.exec(line)
  try { return match ? JSON.parse(match[1]) : null } catch { return null }
}

for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.trim())) {
  let id = leadingId(line)
  let result
  try {
    // JSON.parse rounds integers beyond 2^53: that is JavaScript's own number, as the library sees it.
    const testCase = JSON.parse(line)
    id = testCase.id ?? null
    if (loadError) throw loadError
    result = { id, token: documentService.getToken(testCase.payload) }
  } catch (error) {
    result = { id, error: String(error) }
  }
  writeSync(3, JSON.stringify(result) + "\n")
}
