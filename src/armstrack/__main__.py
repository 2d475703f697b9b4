"""`python -m armstrack ...` is the `armstrack` command."""
from armstrack.cli import main

main()
