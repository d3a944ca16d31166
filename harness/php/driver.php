<?php
// jwtparity driver for the PHP snippet (protocol: harness/README.md).
//
// How the snippet is called (its entry point, how the secret reaches it) is the edition's:
// edition/adapter.php, copied from editions/<edition>/, defines jwtparity_sign(). The image holds the snippet
// rendered for each algorithm (snippet/<ALG>/); each declares the same function, so one process can
// require only one of them: the cases of the first algorithm are signed here, those of any other by
// a child process (this script with the algorithm as its argument). Output keeps the input order.

// Warnings and deprecations are diagnostics: shown once, on stderr, never on stdout.
ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');

require __DIR__ . '/autoload.php';

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
require __DIR__ . '/edition/adapter.php';

/**
 * A case's result line: a token (a signing edition), or a verdict (a verifying edition's request, or a
 * plain call of the library on a token).
 */
function jwtparity_answer(object $case, array $context): array
{
    if (!property_exists($case, 'body') && !property_exists($case, 'plain')) {
        return ['id' => $case->id, 'token' => jwtparity_sign($case->payload, $case->secret, $context)];
    }
    try {
        $claims = property_exists($case, 'body')
            ? jwtparity_verify($case->body, $case->authorization ?? null, $case->secret, $context)
            : jwtparity_plain($case->plain, $case->secret, $case->alg);
    } catch (Throwable $e) {  // the library's (or the sample's) refusal
        return ['id' => $case->id, 'accepted' => false, 'reason' => describe($e)];
    }
    return ['id' => $case->id, 'accepted' => true, 'claims' => $claims];
}

/** Sign `$lines` (cases of one algorithm) with the snippet rendered for `$algorithm`: one result line each. */
function signLines(array $lines, string $algorithm, array $context): array
{
    // Anything the snippet or the library prints would corrupt stdout: buffer it and pass it to stderr.
    ob_start();
    try {
        if (!in_array($algorithm, $context['algorithms'], true)) {
            throw new UnexpectedValueException("no snippet for algorithm $algorithm");
        }
        require glob(__DIR__ . "/snippet/$algorithm/*.php")[0];
        $loadError = null;
    } catch (Throwable $e) {  // reported on every case: the snippet is what is under test
        $loadError = describe($e);
    }
    fwrite(STDERR, ob_get_clean());
    $results = [];
    foreach ($lines as $line) {
        $id = null;
        ob_start();
        try {
            // Objects, not associative arrays: {} stays {} when php-jwt json_encodes the payload; key
            // order is kept. Integers beyond 64 bits become floats, as in any PHP application (PHP has no
            // bigger integer; JSON_BIGINT_AS_STRING would turn them into strings instead).
            $case = json_decode($line, false, 512, JSON_THROW_ON_ERROR);
            $id = $case->id ?? null;
            if ($loadError !== null) {
                throw new RuntimeException("snippet failed to load: $loadError");
            }
            $result = jwtparity_answer($case, $context);
        } catch (Throwable $e) {
            $result = ['id' => $id, 'error' => describe($e)];
        }
        fwrite(STDERR, ob_get_clean());
        $results[] = json_encode($result, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
    }
    return $results;
}

/** Sign `$lines` in a child process for `$algorithm`; a child that dies leaves an error per missing line. */
function signInChild(array $lines, string $algorithm, array $ids): array
{
    $input = tempnam('/tmp', 'jwtparity-');
    file_put_contents($input, implode("\n", $lines) . "\n");
    $child = proc_open([PHP_BINARY, __FILE__, $algorithm], [0 => ['file', $input, 'r'], 1 => ['pipe', 'w'],
                                                            2 => STDERR], $pipes);
    $output = $child === false ? '' : stream_get_contents($pipes[1]);
    $code = $child === false ? -1 : proc_close($child);
    unlink($input);
    $results = array_values(array_filter(explode("\n", $output), fn ($l) => trim($l) !== ''));
    foreach ($ids as $k => $id) {
        $results[$k] ??= json_encode(['id' => $id, 'error' => "signing process exited with code $code"]);
    }
    return $results;
}

// Each case's line, grouped by algorithm in first-seen order; a line that is no case is answered now.
$results = [];
$groups = [];
$index = 0;
while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $line = rtrim($line, "\r\n");
    try {
        $case = json_decode($line, false, 512, JSON_THROW_ON_ERROR);
        if (!is_object($case)) {
            throw new UnexpectedValueException('a case must be a JSON object');
        }
        $algorithm = (string) ($argv[1] ?? $case->alg ?? '');
        $groups[$algorithm]['lines'][] = $line;
        $groups[$algorithm]['ids'][] = $case->id ?? null;
        $groups[$algorithm]['indexes'][] = $index;
    } catch (Throwable $e) {
        $results[$index] = json_encode(['id' => leading_id($line), 'error' => describe($e)]);
    }
    $index++;
}
$first = true;
foreach ($groups as $algorithm => $group) {
    $signed = $first ? signLines($group['lines'], $algorithm, $context)
                     : signInChild($group['lines'], $algorithm, $group['ids']);
    $first = false;
    foreach ($group['indexes'] as $k => $at) {
        $results[$at] = $signed[$k];
    }
}
ksort($results);
foreach ($results as $result) {
    echo $result, "\n";
}
