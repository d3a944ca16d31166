// DRAFT (issue 18), not wired: how a driver would call the callback sample: <entry>(body,
// authorizationHeader, secret), the function the sample file exports (export { verifyCallback } is the
// file's wrapper line). A case would be {"id", "body", "authorization", "secret", "alg"}; the answer
// {"id", "accepted": true, "claims"} or {"id", "accepted": false, "reason"}.

export function configFor() {
  return {}
}

export function prepare() {}

export function verify(sample, body, authorization, secret, context) {
  return sample[context.entry](body, authorization, secret)
}
