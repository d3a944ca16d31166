// jwtparity driver for the Node.js snippet (protocol: harness/README.md).
//
// A snippet may read its secret through the `config` package once, when it is loaded, and `config`
// reads its files once per process. So the cases are grouped by secret and each group is signed by
// its own child process (sign.mjs) with its own config/default.json under /tmp, as the edition's
// adapter (edition/adapter.mjs, from editions/<edition>/) writes it. A few children run at once (each
// costs a Node start-up); output keeps the input order.
import { spawn } from "node:child_process"
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { join } from "node:path"

const context = JSON.parse(readFileSync(new URL("context.json", import.meta.url), "utf8"))
const adapter = await import(new URL("edition/adapter.mjs", import.meta.url))
const signer = new URL("sign.mjs", import.meta.url).pathname
const JOBS = Math.max(1, Math.min(cpus().length, 4))

// Sign `lines` (JSON text of cases sharing one secret) in a fresh process; resolves to one result
// line per case.
function signGroup(secret, lines, ids) {
  const dir = mkdtempSync("/tmp/jwtparity-")
  mkdirSync(join(dir, "config"))
  writeFileSync(join(dir, "config", "default.json"), JSON.stringify(adapter.configFor(secret, context)))
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [signer], {
      cwd: dir,
      env: { ...process.env, NODE_CONFIG_DIR: join(dir, "config"), SUPPRESS_NO_CONFIG_WARNING: "1" },
      // Results come back on fd 3, so that whatever the snippet or `config` prints on stdout lands on
      // our stderr and never among the results.
      stdio: ["pipe", process.stderr.fd, "inherit", "pipe"],
    })
    let out = ""
    let done = false
    const finish = (why) => {
      if (done) return
      done = true
      rmSync(dir, { recursive: true, force: true })
      const results = out.split("\n").filter(Boolean)
      // A child that died early leaves its remaining cases with an error rather than no line at all.
      resolve(ids.map((id, i) => results[i] ?? JSON.stringify({ id, error: why })))
    }
    child.stdio[3].setEncoding("utf8").on("data", (chunk) => { out += chunk })
    child.stdin.on("error", () => {}) // a child that exits without reading gives EPIPE; `close` reports it
    child.on("error", (error) => finish(`signing process failed: ${error.message}`))
    child.on("close", (code, signal) => finish(`signing process exited with ${signal ?? `code ${code}`}`))
    child.stdin.end(lines.join("\n") + "\n")
  })
}

const input = readFileSync(0, "utf8").split("\n").filter((line) => line.trim())
const results = new Array(input.length)
const groups = new Map() // secret -> { lines, ids, indexes } of its cases, in first-seen order
input.forEach((line, index) => {
  let testCase
  try {
    testCase = JSON.parse(line)
  } catch (error) {
    results[index] = JSON.stringify({ id: null, error: String(error) })
    return
  }
  if (!groups.has(testCase.secret)) groups.set(testCase.secret, { lines: [], ids: [], indexes: [] })
  const group = groups.get(testCase.secret)
  group.lines.push(line)
  group.ids.push(testCase.id ?? null)
  group.indexes.push(index)
})

let next = 0 // write each result as soon as everything before it is known
const flush = () => {
  while (next < results.length && results[next] !== undefined) process.stdout.write(results[next++] + "\n")
}
flush()
const queue = [...groups]
const worker = async () => {
  while (queue.length) {
    const [secret, { lines, ids, indexes }] = queue.shift()
    const signed = await signGroup(secret, lines, ids)
    signed.forEach((line, k) => { results[indexes[k]] = line })
    flush()
  }
}
await Promise.all(Array.from({ length: JOBS }, worker))
