from jwtparity.cli.main import main

main()
