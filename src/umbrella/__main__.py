"""`python -m umbrella` is the `umbrella` command."""
from umbrella.cli import main

main()
