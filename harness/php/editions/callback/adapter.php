<?php
// DRAFT (issue 18), not wired: how a driver would call the callback sample:
// <entry>($body, $authorizationHeader, $secret), nothing around it. $body is the request's JSON body as
// json_decode gives it by default (objects, as php-jwt's claims are); the answer is a stdClass.
function jwtparity_verify($body, $authorization, $secret, array $context)
{
    return ($context['entry'])($body, $authorization, $secret);
}
