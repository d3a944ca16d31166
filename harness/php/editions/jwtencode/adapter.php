<?php
// How the driver calls the jwtencode sample: <entry>($payload, $secret), nothing around it.
function jwtparity_sign($payload, $secret, array $context)
{
    return ($context['entry'])($payload, $secret);
}
