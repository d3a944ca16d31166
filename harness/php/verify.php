<?php
// jwtparity verifier for PHP: php-jwt's documented `JWT::decode($jwt, $key, [$alg])`
// (protocol: harness/README.md). The signature and the algorithm are verified (the allowed list is the
// one expected algorithm); exp, nbf and iat are read but not enforced: php-jwt 5 has no option to skip
// them, so its documented `JWT::$leeway` is set beyond any timestamp. Consumers judge time claims.

ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');

require __DIR__ . '/autoload.php';

use Firebase\JWT\JWT;

JWT::$leeway = PHP_INT_MAX;

while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $id = null;
    try {
        $request = json_decode($line, false, 512, JSON_THROW_ON_ERROR);
        $id = $request->id ?? null;
        $claims = JWT::decode($request->token, $request->secret, [$request->alg]);
        $result = ['id' => $id, 'accepted' => true, 'claims' => $claims];
    } catch (Throwable $e) {
        $result = ['id' => $id, 'accepted' => false, 'reason' => get_class($e) . ': ' . $e->getMessage()];
    }
    // Floats stay floats (1.0 is written 1.0): the claims as PHP holds them.
    echo json_encode($result, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION
                              | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    flush();
}
