# How the driver calls the jwtencode sample: `<entry>(payload, secret)`, a method the sample defines at
# the top level. Loaded at the top level, as an application would require it; loaded again only when
# the case's algorithm calls for another rendering of the sample (each defines the same method).
module Adapter
  @loaded = nil  # the snippet file loaded last, if any

  def self.sign(snippet, payload, secret)
    unless @loaded == snippet
      @loaded = nil  # a snippet that fails to load is loaded again for the next case
      load snippet
      @loaded = snippet
    end
    TOPLEVEL_BINDING.receiver.send(CONTEXT['entry'], payload, secret)
  end
end
