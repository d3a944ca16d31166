// jwtparity verifier for the browser (protocol: harness/README.md, "Verifier protocol"): Web Crypto's
// documented HMAC verification, crypto.subtle.verify, with the secret imported as a raw HMAC key for
// the expected algorithm's hash. The header's alg must be the expected one; claims are read with the
// browser's JSON.parse (integers beyond 2^53 become doubles, as a page reads them) and time claims
// are not enforced (Web Crypto knows nothing of them).
const jwtparityBytes = (segment) => {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/")
  if (/[^A-Za-z0-9+/]/.test(base64)) throw new Error("a segment is not base64url")
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}
const jwtparityJson = (segment) => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(jwtparityBytes(segment)))

async function jwtparityVerify(request) {
  const parts = request.token.split(".")
  if (parts.length !== 3) throw new Error(`a token has three segments, not ${parts.length}`)
  const header = jwtparityJson(parts[0])
  if (header.alg !== request.alg) throw new Error(`header alg ${JSON.stringify(header.alg)}, expected ${request.alg}`)
  const hash = { name: "HMAC", hash: `SHA-${request.alg.slice(2)}` }
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(request.secret), hash, false, ["verify"])
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`)
  if (!await crypto.subtle.verify("HMAC", key, jwtparityBytes(parts[2]), signed)) {
    throw new Error("signature verification failed")
  }
  return jwtparityJson(parts[1])
}

(async () => {
  const lines = []
  for (const [, line] of jwtparityLines()) {
    let id = jwtparityLeadingId(line)
    let result
    try {
      const request = JSON.parse(line)
      id = request.id ?? null
      result = { id, accepted: true, claims: await jwtparityVerify(request) }
    } catch (error) {
      result = { id, accepted: false, reason: String(error) }
    }
    lines.push(JSON.stringify(result))
  }
  jwtparityWrite(lines)
})()
