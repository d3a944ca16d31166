"""jwtparity verifier for Python: PyJWT's documented `jwt.decode` (protocol: harness/README.md).

The signature and the algorithm are verified (`algorithms=[alg]`); time claims (exp, nbf, iat) are
read but not enforced: consumers judge those.
"""

import json
import sys
import warnings

import jwt

NOT_ENFORCED = {"verify_exp": False, "verify_nbf": False, "verify_iat": False}


def verify(request: dict) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns on short HMAC keys; short keys are a case here
        claims = jwt.decode(request["token"], request["secret"], algorithms=[request["alg"]], options=NOT_ENFORCED)
    return {"id": request["id"], "accepted": True, "claims": claims}


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request["id"]
            result = verify(request)
        except Exception as exc:  # any refusal of the library is this token's verdict
            result = {"id": request_id, "accepted": False, "reason": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
