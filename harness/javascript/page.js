// jwtparity's helpers for its pages (driver.sh): the page's data, and writing its result lines.

// The JSON of a <script type="application/json"> element of the page.
function jwtparityData(id) {
  return JSON.parse(document.getElementById(id).textContent)
}

// The page's input lines (cases or verification requests), blank lines left out, with their indexes.
function jwtparityLines() {
  return document.getElementById("cases").textContent.split("\n")
    .map((line, index) => [index, line]).filter(([, line]) => line.trim())
}

// jwtparity writes each case with its id first, so a line that does not parse still names its case.
function jwtparityLeadingId(line) {
  const match = /^\{"id": ("(?:[^"\\]|\\.)*")/.exec(line)
  try { return match ? JSON.parse(match[1]) : null } catch { return null }
}

// A frame's lines go to the page that holds it (frames.js); a page writes its own.
function jwtparityWrite(lines) {
  if (window.parent !== window) window.parent.postMessage({ jwtparityLines: lines }, "*")
  else jwtparityWriteResults(lines)
}

// Writes `lines` into <pre id="results">, then the done marker driver.sh waits for. ASCII only, and no
// <, > or &: the DOM dump then holds the lines exactly as written here.
function jwtparityWriteResults(lines) {
  const ascii = (text) => text.replace(/[^\x20-\x7e\t]|[<>&]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))
  // Starts with a newline: the marker is then always at the start of a line, even with no lines.
  document.getElementById("results").textContent =
    "\n" + lines.map((line) => ascii(line) + "\n").join("") + "JWTPARITY-DONE"
}
