// jwtparity's page runner (loaded after the snippet and the edition's adapter): signs every case of
// the page's "cases" element in input order through jwtparitySign(payload, secret, context) and writes
// one JSON line per case into <pre id="results">, then the done marker the driver waits for.

// jwtparity writes each case with its id first, so a line that does not parse still names its case.
const jwtparityLeadingId = (line) => {
  const match = /^\{"id": ("(?:[^"\\]|\\.)*")/.exec(line)
  try { return match ? JSON.parse(match[1]) : null } catch { return null }
}

(async () => {
  const context = JSON.parse(document.getElementById("context").textContent)
  const lines = document.getElementById("cases").textContent.split("\n").filter((line) => line.trim())
  const results = []
  for (const line of lines) {
    let id = jwtparityLeadingId(line)
    try {
      // JSON.parse rounds integers beyond 2^53: that is the browser's own number, as the sample sees it.
      const testCase = JSON.parse(line)
      id = testCase.id ?? null
      if (JWTPARITY_LOAD_ERRORS.length) throw new Error(`snippet failed to load: ${JWTPARITY_LOAD_ERRORS.join("; ")}`)
      results.push({ id, token: await jwtparitySign(testCase.payload, testCase.secret, context) })
    } catch (error) {
      results.push({ id, error: String(error) })
    }
  }
  // ASCII only, and no <, > or &: the DOM dump then holds the lines exactly as written here.
  const ascii = (text) => text.replace(/[^\x20-\x7e]|[<>&]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))
  // Starts with a newline: the marker is then always at the start of a line, even with no cases.
  document.getElementById("results").textContent =
    "\n" + results.map((result) => ascii(JSON.stringify(result)) + "\n").join("") + "JWTPARITY-DONE"
})()
