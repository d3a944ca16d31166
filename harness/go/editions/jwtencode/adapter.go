// How the driver calls the jwtencode sample: jwtEncode(claims jwt.MapClaims, secret []byte).
package main

import "github.com/golang-jwt/jwt/v5"

func sign(claims map[string]interface{}, secret string) (string, error) {
	return jwtEncode(jwt.MapClaims(claims), []byte(secret))
}
