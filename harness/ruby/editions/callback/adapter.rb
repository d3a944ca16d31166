# How the driver calls the callback sample: `<entry>(body, authorization_header, secret)`, a method the
# sample defines at the top level; `body` is the request's JSON body as JSON.parse gives it (string
# keys). Loaded again only when the case's algorithm calls for another rendering of the sample, as in
# jwtencode. `plain` is the integration example's call, without leeway.
module Adapter
  @loaded = nil

  def self.sign(_snippet, _payload, _secret)
    raise TypeError, "the callback edition's sample verifies requests; it signs nothing"
  end

  def self.verify(snippet, body, authorization, secret)
    unless @loaded == snippet
      @loaded = nil
      load snippet
      @loaded = snippet
    end
    TOPLEVEL_BINDING.receiver.send(CONTEXT['entry'], body, authorization, secret)
  end

  # ruby/app/models/jwt_helper.rb `decode` of the integration example.
  def self.plain(token, secret, alg)
    require 'jwt'
    JWT.decode(token, secret, true, { algorithm: alg }).first
  end
end
