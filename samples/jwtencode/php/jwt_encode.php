<?php
// composer require firebase/php-jwt
use Firebase\JWT\JWT;

function jwtEncode($payload, $secret) {
    return JWT::encode($payload, $secret, "HS256");
}
