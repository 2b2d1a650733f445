"""Each command's options and help, by what the command is for; `cli/app.py` registers
them. What a command does lives in the module of `cli/` it imports when it runs."""
