# jwtparity verifier for Ruby: ruby-jwt's documented `JWT.decode` with verification
# (protocol: harness/README.md). The signature and the algorithm are verified (`algorithm: alg`);
# exp and nbf are read but not enforced: consumers judge those.
require 'json'
require 'jwt'

$stdout.sync = true
$stdin.each_line do |line|
  next if line.strip.empty?

  id = nil
  result =
    begin
      request = JSON.parse(line)
      id = request['id']
      claims, _header = JWT.decode(request['token'], request['secret'], true,
                                   { algorithm: request['alg'], verify_expiration: false,
                                     verify_not_before: false })
      { id: id, accepted: true, claims: claims }
    rescue StandardError => e
      { id: id, accepted: false, reason: "#{e.class}: #{e.message}" }
    end
  $stdout.write(JSON.generate(result) + "\n")
end
