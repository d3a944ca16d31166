# gem install jwt
require "jwt"

def jwt_encode(payload, secret)
  JWT.encode(payload, secret, "HS256")
end
