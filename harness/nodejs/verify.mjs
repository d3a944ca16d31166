// jwtparity verifier for Node.js: jsonwebtoken's documented `jwt.verify` (protocol: harness/README.md).
// The signature and the algorithm are verified (`algorithms: [alg]`); exp and nbf are read but not
// enforced (ignoreExpiration, ignoreNotBefore): consumers judge those.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

const jwt = createRequire("/app/")("jsonwebtoken")

for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.trim())) {
  let id = null
  let result
  try {
    const request = JSON.parse(line)
    id = request.id ?? null
    const claims = jwt.verify(request.token, request.secret, {
      algorithms: [request.alg], ignoreExpiration: true, ignoreNotBefore: true,
    })
    result = { id, accepted: true, claims }
  } catch (error) {
    result = { id, accepted: false, reason: `${error.name}: ${error.message}` }
  }
  process.stdout.write(JSON.stringify(result) + "\n")
}
