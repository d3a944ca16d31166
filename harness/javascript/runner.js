// jwtparity's frame runner (loaded after the snippet, the edition's adapter and page.js): signs each
// case of the frame's algorithm, in input order, through jwtparitySign(payload, secret, context), and
// answers one line per case, "<input index>\t<JSON result>"; the first frame ("home") also answers the
// lines no frame signs (a line that is no case, an algorithm without a snippet).
(async () => {
  const context = jwtparityData("context")
  const page = jwtparityData("page")
  const lines = []
  for (const [index, line] of jwtparityLines()) {
    let testCase
    try {
      // JSON.parse rounds integers beyond 2^53: that is the browser's own number, as the sample sees it.
      testCase = JSON.parse(line)
    } catch (error) {
      if (page.home) lines.push(`${index}\t${JSON.stringify({ id: jwtparityLeadingId(line), error: String(error) })}`)
      continue
    }
    const alg = testCase?.alg
    const mine = alg === page.alg
    if (!mine && !(page.home && !context.algorithms.includes(alg))) continue  // another page's case
    const id = testCase?.id ?? null
    let result
    try {
      if (!mine) throw new Error(`no snippet for algorithm ${alg}`)
      if (JWTPARITY_LOAD_ERRORS.length) throw new Error(`snippet failed to load: ${JWTPARITY_LOAD_ERRORS.join("; ")}`)
      result = { id, token: await jwtparitySign(testCase.payload, testCase.secret, context) }
    } catch (error) {
      result = { id, error: String(error) }
    }
    lines.push(`${index}\t${JSON.stringify(result)}`)
  }
  jwtparityWrite(lines)
})()
