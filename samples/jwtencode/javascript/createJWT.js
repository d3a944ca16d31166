async function createJWT(payload, secret) {
  const header = {
    typ: "JWT",
    alg: "HS256",
  }

  function base64UrlEncode(str) {
    return btoa(str)
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=/g, "")
  }

  const encodedHeader = base64UrlEncode(JSON.stringify(header))
  const encodedPayload = base64UrlEncode(JSON.stringify(payload))

  const encoder = new TextEncoder()
  const algorithm = {name: "HMAC", hash: "SHA-256"}
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    algorithm,
    false,
    ["sign"]
  )

  const data = encoder.encode(`${encodedHeader}.${encodedPayload}`)
  const signature = await crypto.subtle.sign(algorithm.name, key, data)
  const encodedSignature = base64UrlEncode(
    String.fromCharCode(...new Uint8Array(signature))
  )

  return `${encodedHeader}.${encodedPayload}.${encodedSignature}`
}
