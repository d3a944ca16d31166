<?php
// How the driver calls the jwtmanager sample: jwtEncode($payload), reading $GLOBALS["<secret_key>"] each
// time it signs; one require serves every case, the global is set to the case's secret before each call.
function jwtparity_sign($payload, $secret, array $context)
{
    $GLOBALS[$context['secret_key']] = $secret;
    return jwtEncode($payload);
}
