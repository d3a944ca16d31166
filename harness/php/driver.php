<?php
// jwtparity driver for the PHP snippet (protocol: harness/README.md).
//
// How the snippet is called (its entry point, how the secret reaches it) is the edition's:
// edition/adapter.php, copied from editions/<edition>/, defines jwtparity_sign().

// Warnings and deprecations are diagnostics: shown once, on stderr, never on stdout.
ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');

// firebase/php-jwt, autoloaded the way Composer would (PSR-4: Firebase\JWT\X is in src/X.php).
spl_autoload_register(function (string $class): void {
    $prefix = 'Firebase\\JWT\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = '/opt/php-jwt/vendor/firebase/php-jwt/src/'
            . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});

function describe(Throwable $e): string
{
    return get_class($e) . ': ' . $e->getMessage();
}

$context = json_decode(file_get_contents(__DIR__ . '/context.json'), true, 512, JSON_THROW_ON_ERROR);
require __DIR__ . '/edition/adapter.php';

// Anything the snippet or the library prints would corrupt stdout: buffer it and pass it to stderr.
ob_start();
try {
    require glob(__DIR__ . '/snippet/*.php')[0];
    $loadError = null;
} catch (Throwable $e) {  // reported on every case: the snippet is what is under test
    $loadError = describe($e);
}
fwrite(STDERR, ob_get_clean());

while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $id = null;
    ob_start();
    try {
        // Objects, not associative arrays: {} stays {} when php-jwt json_encodes the payload; key order
        // is kept. Integers beyond 64 bits become floats, as in any PHP application (PHP has no bigger
        // integer; JSON_BIGINT_AS_STRING would turn them into strings instead).
        $case = json_decode($line, false, 512, JSON_THROW_ON_ERROR);
        if (!is_object($case)) {
            throw new UnexpectedValueException('a case must be a JSON object');
        }
        $id = $case->id ?? null;
        if ($loadError !== null) {
            throw new RuntimeException("snippet failed to load: $loadError");
        }
        $result = ['id' => $id, 'token' => jwtparity_sign($case->payload, $case->secret, $context)];
    } catch (Throwable $e) {
        $result = ['id' => $id, 'error' => describe($e)];
    }
    fwrite(STDERR, ob_get_clean());
    echo json_encode($result, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    flush();
}
