<?php
// jwtparity driver for the PHP snippet (protocol: harness/README.md).
//
// The snippet reads $GLOBALS["<secret_key>"] each time it signs, so one require of it serves every
// case: we only set that global to the case's secret before each call.

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

// jwtparity writes each case with its id first, so a line that does not parse still names its case.
function leading_id(string $line): ?string
{
    if (!preg_match('/^\{"id": ("(?:[^"\\\\]|\\\\.)*")/', $line, $match)) {
        return null;
    }
    $id = json_decode($match[1]);
    return is_string($id) ? $id : null;
}

function describe(Throwable $e): string
{
    return get_class($e) . ': ' . $e->getMessage();
}

$context = json_decode(file_get_contents(__DIR__ . '/context.json'), true, 512, JSON_THROW_ON_ERROR);

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
    $id = leading_id($line);
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
        $GLOBALS[$context['secret_key']] = $case->secret;
        $result = ['id' => $id, 'token' => jwtEncode($case->payload)];
    } catch (Throwable $e) {
        $result = ['id' => $id, 'error' => describe($e)];
    }
    fwrite(STDERR, ob_get_clean());
    echo json_encode($result, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    flush();
}
