// jwtparity driver for the Go snippet (protocol: harness/README.md).
//
// The snippet sits in the same package; how it is called (its entry point, how the secret reaches it)
// is the edition's: adapter.go, copied from editions/<edition>/, defines sign(claims, secret).
//
// The image holds one binary per algorithm, /opt/jwtparity/driver-<ALG>, each built from this file, the
// adapter and the snippet rendered for that algorithm (the snippets all declare the same names, so one
// binary can hold only one). The binary the container starts signs the cases of its own algorithm and hands the
// others to their algorithm's binary. Output keeps the input order.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"os/exec"
	"strconv"
	"strings"
)

// ownAlg is the algorithm this binary's snippet was rendered for, set at build time (-ldflags -X).
var ownAlg = ""

const siblingPrefix = "/opt/jwtparity/driver-"

type testCase struct {
	ID      json.RawMessage `json:"id"`
	Alg     string          `json:"alg"`
	Payload json.RawMessage `json:"payload"`
	Secret  *string         `json:"secret"`
	// A verifying edition's request (body, authorization) or a plain call of the library (plain).
	Body          json.RawMessage `json:"body"`
	Authorization *string         `json:"authorization"`
	Plain         *string         `json:"plain"`
}

// result is one output line; exactly one of Token and Error is set (a token may be ""), or Accepted
// with Claims or Reason (a verdict).
type result struct {
	ID       json.RawMessage `json:"id"`
	Token    *string         `json:"token,omitempty"`
	Error    *string         `json:"error,omitempty"`
	Accepted *bool           `json:"accepted,omitempty"`
	Claims   interface{}     `json:"claims,omitempty"`
	Reason   *string         `json:"reason,omitempty"`
}

// Set in init by the adapter of an edition whose samples verify requests (editions/callback/).
var verifyRequest func(body map[string]interface{}, authorization string, secret string) (map[string]interface{}, error)
var plainRequest func(token string, secret string, alg string) (map[string]interface{}, error)

// verdict is a verification's result line: accepted with the claims, or the refusal's reason.
func verdict(res result, claims map[string]interface{}, err error) result {
	accepted := err == nil
	res.Accepted = &accepted
	if err != nil {
		msg := err.Error()
		res.Reason = &msg
		return res
	}
	if claims == nil {
		claims = map[string]interface{}{}
	}
	res.Claims = claims
	return res
}

func main() {
	// ReadBytes has no line-length limit (bufio.Scanner has one).
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	var lines [][]byte
	for {
		line, readErr := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			lines = append(lines, line)
		}
		if readErr == io.EOF {
			break
		} else if readErr != nil {
			fmt.Fprintln(os.Stderr, "reading stdin:", readErr)
			os.Exit(1)
		}
	}
	results := make([][]byte, len(lines))
	others := map[string][]int{} // algorithm -> indexes of its lines, for its own binary
	var order []string
	for i, line := range lines {
		var c testCase
		if json.Unmarshal(line, &c) != nil || c.Alg == "" || c.Alg == ownAlg {
			results[i] = encode(handle(line)) // a line that is no case gets its error here
			continue
		}
		if _, seen := others[c.Alg]; !seen {
			order = append(order, c.Alg)
		}
		others[c.Alg] = append(others[c.Alg], i)
	}
	for _, alg := range order {
		signElsewhere(alg, lines, others[alg], results)
	}
	out := bufio.NewWriter(os.Stdout)
	for _, result := range results {
		out.Write(result)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "writing results:", err)
		os.Exit(1)
	}
}

// encode is one output line.
func encode(res result) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, "encoding a result:", err)
		os.Exit(1)
	}
	return buf.Bytes()
}

// signElsewhere has the binary of `alg` sign the lines at `indexes`; a case it leaves without a line
// gets an error.
func signElsewhere(alg string, lines [][]byte, indexes []int, results [][]byte) {
	var input bytes.Buffer
	for _, i := range indexes {
		input.Write(lines[i])
		if !bytes.HasSuffix(lines[i], []byte("\n")) {
			input.WriteByte('\n')
		}
	}
	cmd := exec.Command(siblingPrefix + alg)
	cmd.Stdin, cmd.Stderr = &input, os.Stderr
	output, err := cmd.Output()
	signed := bytes.SplitAfter(output, []byte("\n"))
	for k, i := range indexes {
		if k < len(signed) && len(bytes.TrimSpace(signed[k])) > 0 {
			results[i] = signed[k]
			continue
		}
		var c testCase
		_ = json.Unmarshal(lines[i], &c)
		msg := fmt.Sprintf("no signing process for algorithm %s: %v", alg, err)
		if err == nil {
			msg = "the signing process for algorithm " + alg + " wrote no line for this case"
		}
		res := result{ID: json.RawMessage("null"), Error: &msg}
		if len(c.ID) > 0 {
			res.ID = c.ID
		}
		results[i] = encode(res)
	}
}

// leadingID is the case's id as jwtparity writes it, first: a line that does not parse still names its case.
var leadingID = regexp.MustCompile(`^\{"id": ("(?:[^"\\]|\\.)*")`)

// handle signs one case; any failure, a panic included, becomes that case's error.
func handle(line []byte) (res result) {
	res.ID = json.RawMessage("null")
	if match := leadingID.FindSubmatch(line); match != nil && json.Valid(match[1]) {
		res.ID = json.RawMessage(match[1])
	}
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprint("panic: ", p)
			res.Token, res.Error = nil, &msg
			res.Accepted, res.Claims, res.Reason = nil, nil, nil
		}
	}()
	fail := func(err error) result {
		msg := err.Error()
		res.Error = &msg
		return res
	}

	var c testCase
	if err := json.Unmarshal(line, &c); err != nil {
		return fail(err)
	}
	if len(c.ID) > 0 {
		res.ID = c.ID
	}
	if c.Secret == nil {
		return fail(errors.New("secret is not a string"))
	}
	if len(c.Body) > 0 || c.Plain != nil {
		if verifyRequest == nil || plainRequest == nil {
			return fail(errors.New("this edition's sample verifies nothing"))
		}
		if c.Plain != nil {
			claims, err := plainRequest(*c.Plain, *c.Secret, c.Alg)
			return verdict(res, claims, err)
		}
		body, err := decodePayload(c.Body)
		if err != nil {
			return fail(err)
		}
		authorization := ""
		if c.Authorization != nil {
			authorization = *c.Authorization
		}
		claims, err := verifyRequest(body, authorization, *c.Secret)
		return verdict(res, claims, err)
	}
	claims, err := decodePayload(c.Payload)
	if err != nil {
		return fail(err)
	}
	if c.Secret == nil {
		return fail(errors.New("secret is not a string"))
	}
	token, err := sign(claims, *c.Secret)
	if err != nil {
		return fail(err)
	}
	res.Token = &token
	return res
}

// decodePayload turns the payload into what a Go application would hand to the library (the adapter
// makes it a jwt.MapClaims): a map whose integers stay exact at any size (json.Number, written back
// digit for digit)
// and whose other numbers are float64 (json.Number would write back the input's spelling, `1.0`,
// where Go writes a float64 as `1`).
func decodePayload(raw json.RawMessage) (map[string]interface{}, error) {
	if !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return nil, errors.New("payload is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var claims map[string]interface{}
	if err := dec.Decode(&claims); err != nil {
		return nil, err
	}
	if err := nativeNumbers(claims); err != nil {
		return nil, err
	}
	return claims, nil
}

// nativeNumbers replaces, in place, each json.Number that is not an integer by its float64.
func nativeNumbers(value interface{}) error {
	convert := func(v interface{}) (interface{}, error) {
		n, ok := v.(json.Number)
		if !ok {
			return v, nativeNumbers(v)
		}
		if !strings.ContainsAny(string(n), ".eE") {
			return n, nil
		}
		// Out of float64's range, as decoding into interface{} without UseNumber would also refuse.
		return strconv.ParseFloat(string(n), 64)
	}
	var err error
	switch v := value.(type) {
	case map[string]interface{}:
		for key, item := range v {
			if v[key], err = convert(item); err != nil {
				return err
			}
		}
	case []interface{}:
		for i, item := range v {
			if v[i], err = convert(item); err != nil {
				return err
			}
		}
	}
	return nil
}
