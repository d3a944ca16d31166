# pip install PyJWT
import jwt

def jwt_encode(payload, secret):
    return jwt.encode(payload, secret, algorithm="HS256")
