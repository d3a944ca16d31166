<?php
// composer require firebase/php-jwt
use Firebase\JWT\JWT;

function verifyCallback($body, $authorizationHeader, $secret) {
    $leeway = JWT::$leeway;
    JWT::$leeway = 60;
    try {
        if (isset($body->token)) {
            return JWT::decode($body->token, $secret, ["HS256"]);
        }
        if (is_string($authorizationHeader)
            && strpos($authorizationHeader, "Bearer ") === 0) {
            $claims = JWT::decode(substr($authorizationHeader, 7), $secret, ["HS256"]);
            if (!isset($claims->payload) || !is_object($claims->payload)) {
                throw new UnexpectedValueException("the Authorization token has no payload");
            }
            return $claims->payload;
        }
        throw new UnexpectedValueException("the request carries no token");
    } finally {
        JWT::$leeway = $leeway;
    }
}
