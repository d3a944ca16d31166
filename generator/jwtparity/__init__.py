"""jwtparity: render, run and verify the JWT signing snippets of API documentation."""
