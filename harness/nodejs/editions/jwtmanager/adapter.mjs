// How the driver calls the jwtmanager sample: it extends the application's global `documentService`
// with getToken(data), reading its secret and algorithm through the `config` package once, when it is
// loaded. So the driver loads it afresh for each secret and algorithm, with this config/default.json.

// What the application's config/default.json holds for one secret and algorithm.
export function configFor(secret, algorithm, context) {
  const server = { token: { expiresIn: context.lifetime, algorithmRequest: algorithm } }
  const path = context.secret_key.split(".")
  let node = server
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {}
    node = node[key]
  }
  node[path.at(-1)] = secret
  return { server }
}

// Before the sample loads: the global it extends.
export function prepare() {
  globalThis.documentService = {}
}

export function sign(_sample, payload) {
  return documentService.getToken(payload)
}
