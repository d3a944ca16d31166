"""The command line: options parsed once per command, then dispatched to the stages."""
