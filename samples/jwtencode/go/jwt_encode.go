// go get github.com/golang-jwt/jwt/v5
package main

import (
    "github.com/golang-jwt/jwt/v5"
)

func jwtEncode(
    claims jwt.MapClaims,
    secret []byte,
) (string, error) {
    token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
    return token.SignedString(secret)
}
