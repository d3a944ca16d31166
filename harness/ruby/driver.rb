# jwtparity driver for the Ruby snippet (protocol: harness/README.md).
#
# The snippet reads `Rails.configuration.<secret_key>` into @jwt_secret once, at load time, at the top
# level (so @jwt_secret belongs to `main`), and defines `encode` on `main`. We supply a minimal Rails
# and `load` the snippet again whenever the secret changes, so that it reads the new one.

require 'json'

# Bytes from stdin are UTF-8 whatever the locale; stdout writes UTF-8.
$stdin.set_encoding(Encoding::UTF_8)
$stdout.set_encoding(Encoding::UTF_8)

HERE = __dir__
CONTEXT = JSON.parse(File.read(File.join(HERE, 'context.json'), encoding: 'UTF-8'))
SNIPPET = Dir[File.join(HERE, 'snippet', '*.rb')].sort.fetch(0)

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

loaded = false  # whether the snippet is loaded with Rails.secret
$stdin.each_line do |line|
  next if line.strip.empty?

  case_id = leading_id(line)
  begin
    # JSON.parse is faithful: Integers of any size, Floats stay Floats, {} a Hash, key order kept.
    test_case = JSON.parse(line)
    case_id = test_case['id']
    secret = test_case['secret']
    unless loaded && Rails.secret == secret
      Rails.secret = secret
      loaded = false  # a snippet that fails to load is loaded again for the next case
      load SNIPPET    # at the top level (self is main): re-runs `@jwt_secret = Rails.configuration...`
      loaded = true
    end
    result = { 'id' => case_id, 'token' => encode(test_case['payload']) }
  rescue StandardError, ScriptError => e  # ScriptError: a snippet that does not load or parse
    result = { 'id' => case_id, 'error' => describe(e) }
  end
  $stdout.write(JSON.generate(result) + "\n")
  $stdout.flush
end
