// jwtparity producer profile "onlyoffice-docs": the tokens the ONLYOFFICE Document Server puts on the
// requests it sends (the save callback above all), signed as the server signs them (protocol:
// harness/README.md, "Producer protocol").
//
// Mirrors, with the server's own pinned library (jsonwebtoken 9.0.2, `Common/package.json`), what
// ONLYOFFICE/server does (read at commit 4e56b8d0 of github.com/ONLYOFFICE/server):
// - `Common/sources/utils.js` `fillJwtForRequest(ctx, payload, secret, opt_inBody)`: a copy of the
//   payload (`Object.assign(Object.create(null), payload)`), signed as it is for the body token
//   (opt_inBody) or as `{payload}` for the Authorization header, with `jwt.sign(data,
//   getJwtHsKey(secret), {algorithm, expiresIn})`;
// - `Common/sources/utils.js` `getJwtHsKey`: `crypto.createSecretKey(Buffer.from(secret, 'utf8'))`;
// - `Common/config/default.json` `services.CoAuthoring.token.outbox`: algorithm HS256, expires "5m";
// - `DocService/sources/DocsCoServer.js` `sendServerRequest`: both tokens, the body token over the
//   callback object (before its `token` is set), the header token over `{payload: <callback object>}`.
// The server's clock is the verifier's plus `skew` seconds: the one thing set here is `iat` (what
// jsonwebtoken would take from that clock); jsonwebtoken derives `exp` from it and expiresIn.
//
// stdin: JSON lines {"id", "callback": {...}, "secret", "alg", "skew"}; stdout: one line each,
// {"id", "body": "<token>", "header": "<token>"} or {"id", "error": "..."}.
import { createSecretKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

const jwt = createRequire("/app/")("jsonwebtoken")
const EXPIRES = "5m" // Common/config/default.json token.outbox.expires

// utils.getJwtHsKey: a secret KeyObject (the server caches it per secret).
function getJwtHsKey(secret) {
  return createSecretKey(typeof secret === "string" ? Buffer.from(secret, "utf8") : secret)
}

// utils.fillJwtForRequest, with the server's clock `now` (seconds) made explicit as iat.
function fillJwtForRequest(payload, secret, inBody, algorithm, now) {
  const copy = Object.assign(Object.create(null), payload)
  const data = inBody ? copy : { payload: copy }
  data.iat = now
  return jwt.sign(data, getJwtHsKey(secret), { algorithm, expiresIn: EXPIRES })
}

for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.trim())) {
  let id = null
  let result
  try {
    const request = JSON.parse(line)
    id = request.id ?? null
    const now = Math.floor(Date.now() / 1000) + Number(request.skew ?? 0)
    result = {
      id,
      body: fillJwtForRequest(request.callback, request.secret, true, request.alg, now),
      header: fillJwtForRequest(request.callback, request.secret, false, request.alg, now),
    }
  } catch (error) {
    result = { id, error: `producer failed: ${error.message}` }
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}
