// jwtparity driver for the Node.js snippet (protocol: harness/README.md).
//
// How the snippet is called (its entry point, how the secret reaches it) is the edition's:
// edition/adapter.mjs, from editions/<edition>/. A snippet may read its secret and algorithm through
// the `config` package once, when it is loaded, and `config` reads config/default.json once, when it
// is loaded. So for each group of cases sharing a secret and an algorithm, the driver gives the
// snippet, in this one process, what a new process would see: its own config/default.json (as the
// adapter writes it) and a `config` loaded afresh. Node runs with
// --preserve-symlinks, so a module reached through a symlink is a module of its own: each group gets
// a folder under /tmp holding a symlink to the snippet rendered for its algorithm
// (/app/snippet/<ALG>/) and node_modules/config, a symlink to the installed `config`; the other
// packages (jsonwebtoken) are found once, through /tmp/jwtparity-*/node_modules, a symlink to
// /app/node_modules shared by every group. Output keeps the input order.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const context = JSON.parse(readFileSync(new URL("context.json", import.meta.url), "utf8"))
const adapter = await import(new URL("edition/adapter.mjs", import.meta.url))
const INSTALLED = "/app/node_modules"
const WORK = mkdtempSync("/tmp/jwtparity-")
symlinkSync(INSTALLED, join(WORK, "node_modules"))

// Results go to the real stdout; whatever the snippet or `config` prints goes to stderr instead.
const results = process.stdout.write.bind(process.stdout)
process.stdout.write = (...args) => process.stderr.write(...args)
process.env.SUPPRESS_NO_CONFIG_WARNING = "1"

// jwtparity writes each case with its id first, so a line that does not parse still names its case.
const leadingId = (line) => {
  const match = /^\{"id": ("(?:[^"\\]|\\.)*")/.exec(line)
  try { return match ? JSON.parse(match[1]) : null } catch { return null }
}

let generation = 0

// A case's result line: a token (a signing edition), or a verdict (a verifying edition's request, or a
// plain call of the library on a token).
function answer(sample, testCase) {
  const id = testCase.id ?? null
  if (!("body" in testCase) && !("plain" in testCase)) {
    return { id, token: adapter.sign(sample, testCase.payload, testCase.secret, context) }
  }
  try {
    const claims = "body" in testCase
      ? adapter.verify(sample, testCase.body, testCase.authorization ?? null, testCase.secret, context)
      : adapter.plain(testCase.plain, testCase.secret, testCase.alg)
    return { id, accepted: true, claims }
  } catch (error) { // the library's (or the sample's) refusal
    return { id, accepted: false, reason: `${error?.name}: ${error?.message}` }
  }
}

// The snippet's signing function (payload, secret) => token, loaded afresh with `secret` and `algorithm`
// in its configuration.
async function freshSnippet(secret, algorithm) {
  if (!context.algorithms.includes(algorithm)) throw new Error(`no snippet for algorithm ${algorithm}`)
  generation += 1
  const dir = join(WORK, String(generation))
  mkdirSync(join(dir, "config"), { recursive: true })
  mkdirSync(join(dir, "node_modules"))
  symlinkSync(join(INSTALLED, "config"), join(dir, "node_modules", "config"))
  writeFileSync(join(dir, "config", "default.json"), JSON.stringify(adapter.configFor(secret, algorithm, context)))
  process.env.NODE_CONFIG_DIR = join(dir, "config")
  const folder = `/app/snippet/${algorithm}/`
  const [snippet] = readdirSync(folder)
  symlinkSync(folder + snippet, join(dir, snippet))
  adapter.prepare(context)
  try {
    const sample = await import(pathToFileURL(join(dir, snippet)).href)
    return (testCase) => answer(sample, testCase)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const lines = readFileSync(0, "utf8").split("\n").filter((line) => line.trim())
const output = new Array(lines.length)
const groups = new Map() // [secret, alg] -> indexes of its cases, in first-seen order
lines.forEach((line, index) => {
  let testCase
  try {
    testCase = JSON.parse(line)
  } catch (error) {
    output[index] = { id: leadingId(line), error: String(error) }
    return
  }
  const key = JSON.stringify([testCase.secret, testCase.alg])
  if (!groups.has(key)) groups.set(key, [])
  groups.get(key).push(index)
})

for (const [key, indexes] of groups) {
  const [secret, algorithm] = JSON.parse(key)
  let sign = null
  let loadError = null
  try {
    sign = await freshSnippet(secret, algorithm)
  } catch (error) {
    loadError = error
  }
  for (const index of indexes) {
    // JSON.parse rounds integers beyond 2^53: that is JavaScript's own number, as the library sees it.
    const testCase = JSON.parse(lines[index])
    const id = testCase.id ?? null
    try {
      if (loadError) throw loadError
      output[index] = sign(testCase)
    } catch (error) {
      output[index] = { id, error: String(error) }
    }
  }
}
results(output.map((result) => JSON.stringify(result) + "\n").join(""))
