// jwtparity driver for the Go snippet (protocol: harness/README.md).
//
// The snippet sits in the same package; how it is called (its entry point, how the secret reaches it)
// is the edition's: adapter.go, copied from editions/<edition>/, defines sign(claims, secret).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

type testCase struct {
	ID      json.RawMessage `json:"id"`
	Payload json.RawMessage `json:"payload"`
	Secret  *string         `json:"secret"`
}

// result is one output line; exactly one of Token and Error is set (a token may be "").
type result struct {
	ID    json.RawMessage `json:"id"`
	Token *string         `json:"token,omitempty"`
	Error *string         `json:"error,omitempty"`
}

func main() {
	// ReadBytes has no line-length limit (bufio.Scanner has one).
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, readErr := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			if err := enc.Encode(handle(line)); err != nil {
				fmt.Fprintln(os.Stderr, "writing a result:", err)
				os.Exit(1)
			}
			out.Flush()
		}
		if readErr == io.EOF {
			return
		} else if readErr != nil {
			fmt.Fprintln(os.Stderr, "reading stdin:", readErr)
			os.Exit(1)
		}
	}
}

// handle signs one case; any failure, a panic included, becomes that case's error.
func handle(line []byte) (res result) {
	res.ID = json.RawMessage("null")
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprint("panic: ", p)
			res.Token, res.Error = nil, &msg
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
// makes it a jwt.MapClaims): a map whose integers stay exact at any size (json.Number, written back digit for digit)
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
