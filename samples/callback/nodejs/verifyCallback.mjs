// npm install jsonwebtoken
import jwt from "jsonwebtoken"

function verifyCallback(body, authorizationHeader, secret) {
  const options = {algorithms: ["HS256"], clockTolerance: 60}
  if (body.token != null) {
    return jwt.verify(body.token, secret, options)
  }
  if (authorizationHeader && authorizationHeader.startsWith("Bearer ")) {
    const claims = jwt.verify(authorizationHeader.slice(7), secret, options)
    if (claims.payload === null || typeof claims.payload !== "object") {
      throw new jwt.JsonWebTokenError("the Authorization token has no payload")
    }
    return claims.payload
  }
  throw new jwt.JsonWebTokenError("the request carries no token")
}

export { verifyCallback }
