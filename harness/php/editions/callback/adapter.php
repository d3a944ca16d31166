<?php
// How the driver calls the callback sample: <entry>($body, $authorizationHeader, $secret), nothing
// around it. $body is the request's JSON body as json_decode gives it by default (objects, as php-jwt's
// claims are); the answer is a stdClass. jwtparity_plain is the integration example's call (php-jwt 5's
// form of its `JWT::decode($token, new Key($secret, 'HS256'))`), without leeway.
use Firebase\JWT\JWT;

function jwtparity_sign($payload, $secret, array $context)
{
    throw new LogicException("the callback edition's sample verifies requests; it signs nothing");
}

function jwtparity_verify($body, $authorization, $secret, array $context)
{
    return ($context['entry'])($body, $authorization, $secret);
}

function jwtparity_plain($token, $secret, $alg)
{
    return JWT::decode($token, $secret, [$alg]);
}
