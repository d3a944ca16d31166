# pip install PyJWT
import jwt

def verify_callback(body, authorization_header, secret):
    options = {"algorithms": ["HS256"], "leeway": 60}
    if body.get("token") is not None:
        return jwt.decode(body["token"], secret, **options)
    if authorization_header and authorization_header.startswith("Bearer "):
        claims = jwt.decode(authorization_header[7:], secret, **options)
        if not isinstance(claims.get("payload"), dict):
            raise jwt.InvalidTokenError("the Authorization token has no payload")
        return claims["payload"]
    raise jwt.InvalidTokenError("the request carries no token")
