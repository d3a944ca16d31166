// jwtparity's page of frames (driver.sh): one frame per algorithm, each a document of its own that
// signs its cases and posts its lines here. Once the page is parsed and every frame has answered once,
// their lines, in frame order, become the page's results.
const jwtparityAnswers = new Map() // frame's window -> its lines

function jwtparityFinishWhenAnswered() {
  if (document.readyState === "loading") return
  const frames = [...document.querySelectorAll("iframe")].map((frame) => frame.contentWindow)
  if (frames.every((frame) => jwtparityAnswers.has(frame))) {
    jwtparityWriteResults(frames.flatMap((frame) => jwtparityAnswers.get(frame)))
  }
}

addEventListener("message", (event) => {
  if (jwtparityAnswers.has(event.source) || !Array.isArray(event.data?.jwtparityLines)) return
  jwtparityAnswers.set(event.source, event.data.jwtparityLines)
  jwtparityFinishWhenAnswered()
})
document.addEventListener("DOMContentLoaded", jwtparityFinishWhenAnswered)
