// go get github.com/golang-jwt/jwt/v5
package main

import (
    "errors"
    "strings"
    "time"

    "github.com/golang-jwt/jwt/v5"
)

func verifyCallback(
    body map[string]interface{},
    authorizationHeader string,
    secret []byte,
) (map[string]interface{}, error) {
    parser := jwt.NewParser(
        jwt.WithValidMethods([]string{"HS256"}),
        jwt.WithLeeway(60*time.Second),
    )
    key := func(*jwt.Token) (interface{}, error) { return secret, nil }
    if token, ok := body["token"]; ok && token != nil {
        tokenString, ok := token.(string)
        if !ok {
            return nil, errors.New("the body's token is not a string")
        }
        claims := jwt.MapClaims{}
        if _, err := parser.ParseWithClaims(tokenString, claims, key); err != nil {
            return nil, err
        }
        return claims, nil
    }
    if strings.HasPrefix(authorizationHeader, "Bearer ") {
        claims := jwt.MapClaims{}
        tokenString := strings.TrimPrefix(authorizationHeader, "Bearer ")
        if _, err := parser.ParseWithClaims(tokenString, claims, key); err != nil {
            return nil, err
        }
        payload, ok := claims["payload"].(map[string]interface{})
        if !ok {
            return nil, errors.New("the Authorization token has no payload")
        }
        return payload, nil
    }
    return nil, errors.New("the request carries no token")
}
