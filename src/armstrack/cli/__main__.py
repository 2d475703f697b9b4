"""`python -m armstrack.cli ...` is the `armstrack` command."""
from . import main

main()
