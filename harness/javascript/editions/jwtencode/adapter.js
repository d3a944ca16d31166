// How the page calls the jwtencode browser sample: the async global function <entry>(payload, secret)
// its classic <script> declares.
async function jwtparitySign(payload, secret, context) {
  if (typeof globalThis[context.entry] !== "function") {
    throw new Error(`the snippet defines no function ${context.entry}`)
  }
  return await globalThis[context.entry](payload, secret)
}
