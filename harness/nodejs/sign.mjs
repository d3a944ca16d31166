// One signing process (started by driver.mjs): NODE_CONFIG_DIR already holds this group's secret.
// Lets the edition's adapter prepare what the snippet expects, loads the snippet once, then signs each
// case of stdin (JSON lines) through the adapter and writes one JSON line per case to fd 3 (stdout is
// for diagnostics).
import { readdirSync, readFileSync, writeSync } from "node:fs"

const snippetDir = "/app/snippet/"
const [snippet] = readdirSync(snippetDir)
const context = JSON.parse(readFileSync(new URL("context.json", import.meta.url), "utf8"))
const adapter = await import(new URL("edition/adapter.mjs", import.meta.url))

adapter.prepare(context)
let sample = null
let loadError = null
try {
  sample = await import(snippetDir + snippet)
} catch (error) {
  loadError = error
}

for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.trim())) {
  let id = null
  let result
  try {
    // JSON.parse rounds integers beyond 2^53: that is JavaScript's own number, as the library sees it.
    const testCase = JSON.parse(line)
    id = testCase.id ?? null
    if (loadError) throw loadError
    result = { id, token: adapter.sign(sample, testCase.payload, testCase.secret, context) }
  } catch (error) {
    result = { id, error: String(error) }
  }
  writeSync(3, JSON.stringify(result) + "\n")
}
