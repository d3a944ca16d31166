# DRAFT (issue 18), not wired: how a driver would call the callback sample:
# `<entry>(body, authorization_header, secret)`, a method the sample defines at the top level; `body` is
# the request's JSON body as JSON.parse gives it (string keys). Loaded again only when the case's
# algorithm calls for another rendering of the sample, as in jwtencode.
module Adapter
  @loaded = nil

  def self.verify(snippet, body, authorization, secret)
    unless @loaded == snippet
      @loaded = nil
      load snippet
      @loaded = snippet
    end
    TOPLEVEL_BINDING.receiver.send(CONTEXT['entry'], body, authorization, secret)
  end
end
