from jwtparity.cli import main

main()
