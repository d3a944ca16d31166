// jwtparity verifier for Go: golang-jwt's documented Parser.Parse with valid methods
// (protocol: harness/README.md). The signature and the algorithm are verified (WithValidMethods of
// the one expected algorithm); claims are not validated (WithoutClaimsValidation): exp and nbf are
// read, not enforced. Consumers judge time claims.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/golang-jwt/jwt/v4"
)

type request struct {
	ID     json.RawMessage `json:"id"`
	Token  string          `json:"token"`
	Secret string          `json:"secret"`
	Alg    string          `json:"alg"`
}

type result struct {
	ID       json.RawMessage `json:"id"`
	Accepted bool            `json:"accepted"`
	Claims   *jwt.MapClaims  `json:"claims,omitempty"`
	Reason   string          `json:"reason,omitempty"`
}

func verify(line []byte) result {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return result{ID: json.RawMessage("null"), Reason: fmt.Sprintf("bad request: %v", err)}
	}
	id := req.ID
	if id == nil {
		id = json.RawMessage("null")
	}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{req.Alg}), jwt.WithoutClaimsValidation())
	claims := jwt.MapClaims{}
	_, err := parser.ParseWithClaims(req.Token, claims, func(*jwt.Token) (interface{}, error) {
		return []byte(req.Secret), nil
	})
	if err != nil {
		return result{ID: id, Reason: err.Error()}
	}
	return result{ID: id, Accepted: true, Claims: &claims}
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for {
		line, readErr := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			encoded, err := json.Marshal(verify(line))
			if err != nil {
				encoded, _ = json.Marshal(result{ID: json.RawMessage("null"), Reason: err.Error()})
			}
			out.Write(append(encoded, '\n'))
		}
		if readErr != nil {
			return
		}
	}
}
