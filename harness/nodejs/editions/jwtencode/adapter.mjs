// How the driver calls the jwtencode sample: <entry>(payload, secret), the function the sample file
// exports (the export is the file's wrapper line, not part of the docs fragment). No configuration:
// config/default.json stays empty.

export function configFor() {
  return {}
}

export function prepare() {}

export function sign(sample, payload, secret, context) {
  return sample[context.entry](payload, secret)
}
