# jwtparity driver for the Ruby snippet (protocol: harness/README.md).
#
# How the snippet is called (its entry point, how the secret reaches it) is the edition's: adapter.rb,
# copied from editions/<edition>/, loads the snippet and makes each call.

require 'json'

# Bytes from stdin are UTF-8 whatever the locale; stdout writes UTF-8.
$stdin.set_encoding(Encoding::UTF_8)
$stdout.set_encoding(Encoding::UTF_8)

HERE = __dir__
CONTEXT = JSON.parse(File.read(File.join(HERE, 'context.json'), encoding: 'UTF-8'))
SNIPPET = Dir[File.join(HERE, 'snippet', '*.rb')].sort.fetch(0)

require File.join(HERE, 'edition', 'adapter.rb')

def describe(exc)
  "#{exc.class}: #{exc.message}"
end

$stdin.each_line do |line|
  next if line.strip.empty?

  case_id = nil
  begin
    # JSON.parse is faithful: Integers of any size, Floats stay Floats, {} a Hash, key order kept.
    test_case = JSON.parse(line)
    case_id = test_case['id']
    result = { 'id' => case_id, 'token' => Adapter.sign(SNIPPET, test_case['payload'], test_case['secret']) }
  rescue StandardError, ScriptError => e  # ScriptError: a snippet that does not load or parse
    result = { 'id' => case_id, 'error' => describe(e) }
  end
  $stdout.write(JSON.generate(result) + "\n")
  $stdout.flush
end
