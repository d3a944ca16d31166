# jwtparity driver for the Ruby snippet (protocol: harness/README.md).
#
# The snippet reads `Rails.configuration.<secret_key>` into @jwt_secret once, at load time, at the top
# level (so @jwt_secret belongs to `main`), and defines `encode` on `main`. We supply a minimal Rails
# and `load` the snippet again whenever the secret or the algorithm changes, so that it reads the new
# secret; the image holds the snippet rendered for each algorithm (snippet/<ALG>/), and a case is
# signed by the one of its `alg`.

require 'json'

# Bytes from stdin are UTF-8 whatever the locale; stdout writes UTF-8.
$stdin.set_encoding(Encoding::UTF_8)
$stdout.set_encoding(Encoding::UTF_8)

HERE = __dir__
CONTEXT = JSON.parse(File.read(File.join(HERE, 'context.json'), encoding: 'UTF-8'))

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

# jwtparity writes each case with its id first, so a line that does not parse still names its case.
LEADING_ID = /\A\{"id": ("(?:[^"\\]|\\.)*")/.freeze

def leading_id(line)
  match = LEADING_ID.match(line)
  match && JSON.parse(match[1])
rescue JSON::ParserError
  nil
end

def describe(exc)
  "#{exc.class}: #{exc.message}"
end

# The snippet rendered for `algorithm`, or an error when the image has none.
def snippet_for(algorithm)
  raise ArgumentError, "no snippet for algorithm #{algorithm.inspect}" unless CONTEXT['algorithms'].include?(algorithm)

  Dir[File.join(HERE, 'snippet', algorithm, '*.rb')].sort.fetch(0)
end

loaded = nil  # the snippet file loaded with Rails.secret, if any
$stdin.each_line do |line|
  next if line.strip.empty?

  case_id = leading_id(line)
  begin
    # JSON.parse is faithful: Integers of any size, Floats stay Floats, {} a Hash, key order kept.
    test_case = JSON.parse(line)
    case_id = test_case['id']
    secret = test_case['secret']
    snippet = snippet_for(test_case['alg'])
    unless loaded == snippet && Rails.secret == secret
      Rails.secret = secret
      loaded = nil   # a snippet that fails to load is loaded again for the next case
      load snippet   # at the top level (self is main): re-runs `@jwt_secret = Rails.configuration...`
      loaded = snippet
    end
    result = { 'id' => case_id, 'token' => encode(test_case['payload']) }
  rescue StandardError, ScriptError => e  # ScriptError: a snippet that does not load or parse
    result = { 'id' => case_id, 'error' => describe(e) }
  end
  $stdout.write(JSON.generate(result) + "\n")
  $stdout.flush
end
