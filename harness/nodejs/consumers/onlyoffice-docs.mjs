// jwtparity consumer profile "onlyoffice-docs": would the ONLYOFFICE Document Server accept this token?
// (protocol: harness/README.md, "Consumer protocol").
//
// Mirrors, with the server's own pinned library (jsonwebtoken 9.0.2, `Common/package.json`), what
// ONLYOFFICE/server does with an incoming token (read at commit 4e56b8d0 of github.com/ONLYOFFICE/server):
// - `DocService/sources/DocsCoServer.js` `checkJwt`: `jwt.verify(token, utils.getJwtHsKey(secret),
//   tenTokenVerifyOptions)`: no `algorithms` list, so HS256, HS384 and HS512 all pass;
//   TokenExpiredError and JsonWebTokenError become the 4005/4006 "token:" descriptions.
// - `Common/sources/utils.js` `getJwtHsKey`: the key is `crypto.createSecretKey(Buffer.from(secret,
//   'utf8'))`, and `undefined` when that throws.
// - `Common/config/default.json` `services.CoAuthoring.token.verifyOptions`: `{"clockTolerance": 60}`:
//   exp and nbf enforced with 60 s of tolerance, iat not required.
// - For an editor configuration (a browser token, case `"use": "editor-config"`), the opening path of
//   `auth` in `DocsCoServer.js` with `services.CoAuthoring.server.tokenRequiredParams` true (its
//   default): `validateAuthToken` requires `document.key`, then `document.url` (the permissions,
//   callbackUrl and mode checks compare with what the browser sends: the browser is taken to send this
//   same configuration, so they hold), and `fillDataFromJwt` refuses a token with a top-level `url`,
//   `payload` or `key` ("token has invalid format").
import { createSecretKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

const jwt = createRequire("/app/")("jsonwebtoken")
const VERIFY_OPTIONS = { clockTolerance: 60 } // Common/config/default.json token.verifyOptions

// utils.getJwtHsKey: a secret KeyObject, or undefined when the secret cannot make one.
function getJwtHsKey(secret) {
  if (secret == null) return undefined
  try {
    return createSecretKey(typeof secret === "string" ? Buffer.from(secret, "utf8") : secret)
  } catch {
    return undefined
  }
}

// checkJwt: the decoded claims, or the description the server sends back.
function checkJwt(token, secret) {
  try {
    return { decoded: jwt.verify(token, getJwtHsKey(secret), VERIFY_OPTIONS) }
  } catch (error) {
    return { description: `token: ${error.name}: ${error.message}` }
  }
}

// validateAuthToken + the format check of fillDataFromJwt, for an opening editor configuration.
function editorConfigProblem(decoded) {
  if (!decoded?.document?.key) return "auth missing required parameter document.key"
  if (!decoded?.document?.url) return "auth missing required parameter document.url"
  if (decoded.url || decoded.payload || decoded.key) return "fillDataFromJwt: token has invalid format"
  return null
}

for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.trim())) {
  let id = null
  let result
  try {
    const request = JSON.parse(line)
    id = request.id ?? null
    const { decoded, description } = checkJwt(request.token, request.secret)
    const problem = decoded && request.use === "editor-config" ? editorConfigProblem(decoded) : null
    result = decoded && !problem ? { id, accepted: true } : { id, accepted: false, reason: description ?? problem }
  } catch (error) {
    result = { id, accepted: false, reason: `consumer failed: ${error.message}` }
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}
