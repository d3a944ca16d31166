// npm install jsonwebtoken
import jwt from "jsonwebtoken"

function jwtEncode(payload, secret) {
  return jwt.sign(payload, secret, {algorithm: "HS256"})
}

export { jwtEncode }
