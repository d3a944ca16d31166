// How the driver calls the callback sample: verifyCallback(body map[string]interface{},
// authorizationHeader string, secret []byte); plainVerify is the integration example's call
// (go/server/managers/default/jwt.go JwtDecode), without leeway. Both are handed to the driver at
// start (verifyRequest, plainRequest in main.go).
package main

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

func init() {
	verifyRequest = func(body map[string]interface{}, authorization string, secret string) (map[string]interface{}, error) {
		return verifyCallback(body, authorization, []byte(secret))
	}
	plainRequest = plainVerify
}

func sign(claims map[string]interface{}, secret string) (string, error) {
	return "", errors.New("the callback edition's sample verifies requests; it signs nothing")
}

func plainVerify(tokenString string, secret string, alg string) (map[string]interface{}, error) {
	token, err := jwt.Parse(tokenString, func(token *jwt.Token) (interface{}, error) {
		if _, ok := token.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, errors.New("unexpected JWT signing method")
		}
		return []byte(secret), nil
	})
	if err != nil {
		return nil, err
	}
	claims, _ := token.Claims.(jwt.MapClaims)
	return claims, nil
}
