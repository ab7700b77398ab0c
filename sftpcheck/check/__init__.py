"""The `check` command: settle the options, run the nine steps in order, report.

command.py is the one call the CLI makes; pipeline.py lists the steps as data; the steps
themselves live in steps/, one module per step id, and reach the network through net/.
"""
