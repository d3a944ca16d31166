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

# A case's result line: a token (a signing edition), or a verdict (a verifying edition's request, or a
# plain call of the library on a token).
def answer(test_case, snippet)
  id = test_case['id']
  unless test_case.key?('body') || test_case.key?('plain')
    return { 'id' => id, 'token' => Adapter.sign(snippet, test_case['payload'], test_case['secret']) }
  end

  begin
    claims = if test_case.key?('body')
               Adapter.verify(snippet, test_case['body'], test_case['authorization'], test_case['secret'])
             else
               Adapter.plain(test_case['plain'], test_case['secret'], test_case['alg'])
             end
  rescue StandardError, ScriptError => e # the library's (or the sample's) refusal
    return { 'id' => id, 'accepted' => false, 'reason' => describe(e) }
  end
  { 'id' => id, 'accepted' => true, 'claims' => claims }
end

$stdin.each_line do |line|
  next if line.strip.empty?

  case_id = leading_id(line)
  begin
    # JSON.parse is faithful: Integers of any size, Floats stay Floats, {} a Hash, key order kept.
    test_case = JSON.parse(line)
    case_id = test_case['id']
    snippet = snippet_for(test_case['alg'])
    result = answer(test_case, snippet)
  rescue StandardError, ScriptError => e  # ScriptError: a snippet that does not load or parse
    result = { 'id' => case_id, 'error' => describe(e) }
  end
  $stdout.write(JSON.generate(result) + "\n")
  $stdout.flush
end
