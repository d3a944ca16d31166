# How the driver calls the jwtencode sample: `<entry>(payload, secret)`, a method the sample defines at
# the top level. Loaded once, at the top level, as an application would require it.
module Adapter
  @loaded = false

  def self.sign(snippet, payload, secret)
    unless @loaded
      load snippet
      @loaded = true
    end
    TOPLEVEL_BINDING.receiver.send(CONTEXT['entry'], payload, secret)
  end
end
