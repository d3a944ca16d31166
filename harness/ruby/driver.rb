# jwtparity driver for the Ruby snippet (protocol: harness/README.md).
#
# How the snippet is called (its entry point, how the secret reaches it) is the edition's: adapter.rb,
# copied from editions/<edition>/, loads the snippet and makes each call. The image holds the snippet
# rendered for each algorithm (snippet/<ALG>/), and a case is signed by the one of its `alg`.

# Started with --disable-gems (Dockerfile): the library's gems on the load path as RubyGems found them
# when the image was built, and RubyGems itself loaded the first time anything names it.
unless defined?(Gem)
  File.readlines(File.join(__dir__, 'load-path'), chomp: true).reverse_each { |dir| $LOAD_PATH.unshift(dir) }
  autoload :Gem, 'rubygems'
end

require 'json'

# Bytes from stdin are UTF-8 whatever the locale; stdout writes UTF-8.
$stdin.set_encoding(Encoding::UTF_8)
$stdout.set_encoding(Encoding::UTF_8)

HERE = __dir__
CONTEXT = JSON.parse(File.read(File.join(HERE, 'context.json'), encoding: 'UTF-8'))

require File.join(HERE, 'edition', 'adapter.rb')

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

$stdin.each_line do |line|
  next if line.strip.empty?

  case_id = leading_id(line)
  begin
    # JSON.parse is faithful: Integers of any size, Floats stay Floats, {} a Hash, key order kept.
    test_case = JSON.parse(line)
    case_id = test_case['id']
    snippet = snippet_for(test_case['alg'])
    result = { 'id' => case_id, 'token' => Adapter.sign(snippet, test_case['payload'], test_case['secret']) }
  rescue StandardError, ScriptError => e  # ScriptError: a snippet that does not load or parse
    result = { 'id' => case_id, 'error' => describe(e) }
  end
  $stdout.write(JSON.generate(result) + "\n")
  $stdout.flush
end
