// How the driver calls the jwtmanager sample: `type onlyofficeJwtManager struct { <key> []byte }` and
// its Sign method. The field's name is configurable, so the struct is built positionally with the
// case's secret, as the application would from its configuration.
package main

import "github.com/golang-jwt/jwt/v4"

func sign(claims map[string]interface{}, secret string) (string, error) {
	return onlyofficeJwtManager{[]byte(secret)}.Sign(jwt.MapClaims(claims))
}
