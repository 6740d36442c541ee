class ParseFailure(Exception):
    def __init__(self, line, reason):
        super().__init__(line, reason)
        self.line = line
        self.reason = reason

    def __str__(self):
        return f"line {self.line}: {self.reason}"


def parse(lines):
    for n, line in enumerate(lines, start=1):
        if "=" not in line:
            raise ParseFailure(n, f"missing '=' in {line!r}")
        print("ok", line)


parse(["a=1", "b=2", "c"])
