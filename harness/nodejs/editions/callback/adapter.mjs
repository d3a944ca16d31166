// How the driver calls the callback sample: <entry>(body, authorizationHeader, secret), the function the
// sample file exports (export { verifyCallback } is the file's wrapper line); `plain` is the
// integration example's call (nodejs/helpers/documentService.js), without leeway or algorithms.
import { createRequire } from "node:module"

const jwt = createRequire("/app/")("jsonwebtoken")

export function configFor() {
  return {}
}

export function prepare() {}

export function sign() {
  throw new TypeError("the callback edition's sample verifies requests; it signs nothing")
}

export function verify(sample, body, authorization, secret, context) {
  return sample[context.entry](body, authorization, secret)
}

export function plain(token, secret) {
  return jwt.verify(token, secret)
}
