"""Command-line handlers: one module per group of commands, each `run(args) -> exit code`."""
