<?php
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
