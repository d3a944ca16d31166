// The entry of the start-up snapshot (see the Dockerfile): Node's own built-in modules that the driver,
// jsonwebtoken and config use, loaded once at build time. No application code: the snippet and the
// libraries still load at run time, as in any process.
for (const name of ["buffer", "crypto", "events", "fs", "os", "path", "stream", "url", "util"]) require(name)
