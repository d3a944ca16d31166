# How the driver calls the jwtmanager sample: `encode(payload)` on `main`, with the secret read from
# `Rails.configuration.<secret_key>` into @jwt_secret once, at load time, at the top level.
#
# We supply a minimal Rails and `load` the sample again whenever the secret or the snippet (the
# rendering for the case's algorithm) changes, so that it reads the new secret.

# The part of Rails the snippet touches: `Rails.configuration.<secret_key>` answers the current secret.
module Rails
  class << self
    attr_accessor :secret

    def configuration
      @configuration ||= Object.new.tap do |config|
        config.define_singleton_method(CONTEXT['secret_key']) { Rails.secret }
      end
    end
  end
end

module Adapter
  @loaded = nil  # the snippet file loaded with Rails.secret, if any

  def self.sign(snippet, payload, secret)
    unless @loaded == snippet && Rails.secret == secret
      Rails.secret = secret
      @loaded = nil    # a snippet that fails to load is loaded again for the next case
      load snippet     # at the top level (self is main): re-runs `@jwt_secret = Rails.configuration...`
      @loaded = snippet
    end
    TOPLEVEL_BINDING.receiver.encode(payload)
  end
end
