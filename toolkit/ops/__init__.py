"""Running unattended: set-up, scheduling, one run at a time, busy workbooks, logs.

These are edge modules (they touch files, clocks, signals and the OS); the CLI wires them.
"""
