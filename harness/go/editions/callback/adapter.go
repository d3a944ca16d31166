// DRAFT (issue 18), not wired: how a driver would call the callback sample:
// verifyCallback(body map[string]interface{}, authorizationHeader string, secret []byte).
package main

func verify(body map[string]interface{}, authorization string, secret string) (map[string]interface{}, error) {
	return verifyCallback(body, authorization, []byte(secret))
}
