# gem install jwt
require "jwt"

def verify_callback(body, authorization_header, secret)
  options = { algorithm: "HS256", leeway: 60 }
  unless body["token"].nil?
    claims, _header = JWT.decode(body["token"], secret, true, options)
    return claims
  end
  if authorization_header.to_s.start_with?("Bearer ")
    claims, _header = JWT.decode(authorization_header[7..], secret, true, options)
    unless claims["payload"].is_a?(Hash)
      raise JWT::DecodeError, "the Authorization token has no payload"
    end
    return claims["payload"]
  end
  raise JWT::DecodeError, "the request carries no token"
end
